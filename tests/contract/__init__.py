"""Contract tests: the emulator against Notion's real recordings and its official OpenAPI."""
