"""Tests of the pure jobs: checks, quarters, messages."""
