"""The message catalog: what each rule says, and the fix it suggests, in English and French.

Messages are keyed by rule code, or ``code.variant`` when a rule words some findings
differently (``QD102.trashed``); fixes are keyed by code. Placeholders are the values the
rule hands over (see :mod:`jobs.wording` for how each is written) plus ``{title}``, the
entity's title. English quotes titles “like this”, French « comme ceci ».
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jobs.wording import Locale, Value, format_value


@dataclass(frozen=True)
class Text:
    """One sentence in every supported locale."""

    en: str
    fr: str

    def get(self, locale: Locale) -> str:
        return self.en if locale == "en" else self.fr


MESSAGES: Mapping[str, Text] = {
    # QD1xx structure
    "QD101": Text("Task “{title}” belongs to no epic.",
                  "La tâche « {title} » n’est rattachée à aucun epic."),
    "QD102.trashed": Text(
        "Task “{title}” belongs to epic “{epic}”, which is in the trash.",
        "La tâche « {title} » est rattachée à l’epic « {epic} », qui est dans la corbeille."),
    "QD102.inaccessible": Text(
        "Task “{title}” belongs to epic “{epic}”, which Quarterdeck cannot read"
        " (not shared with the integration, or deleted).",
        "La tâche « {title} » est rattachée à l’epic « {epic} », que Quarterdeck ne peut pas"
        " lire (non partagé avec l’intégration, ou supprimé)."),
    "QD102.elsewhere": Text(
        "Task “{title}” is linked to page “{epic}”, which is not in the Epics database.",
        "La tâche « {title} » est liée à la page « {epic} », qui n’est pas dans la base"
        " des epics."),
    "QD102.unknown": Text(
        "Task “{title}” is linked to page “{epic}”, which is not among the epics Quarterdeck"
        " read.",
        "La tâche « {title} » est liée à la page « {epic} », qui ne fait pas partie des epics"
        " lus par Quarterdeck."),
    "QD103": Text("Epic “{title}” belongs to no stream.",
                  "L’epic « {title} » n’est rattaché à aucun stream."),
    "QD103.unreachable": Text(
        "Epic “{title}” belongs only to streams Quarterdeck cannot read: {streams}.",
        "L’epic « {title} » n’est rattaché qu’à des streams que Quarterdeck ne peut pas"
        " lire : {streams}."),
    "QD104": Text("Stream “{title}” has no epic in {quarter}.",
                  "Le stream « {title} » n’a aucun epic en {quarter}."),
    "QD105": Text("The roadmap has {count} streams, fewer than the minimum of {limit}.",
                  "La roadmap compte {count} streams, moins que le minimum de {limit}."),
    "QD106": Text("The roadmap has {count} streams, more than the maximum of {limit}.",
                  "La roadmap compte {count} streams, plus que le maximum de {limit}."),
    # QD2xx ownership
    "QD201": Text("Epic “{title}” has no owner.",
                  "L’epic « {title} » n’a pas de responsable."),
    "QD202": Text("Open task “{title}” has no assignee.",
                  "La tâche ouverte « {title} » n’est assignée à personne."),
    "QD203": Text(
        "{title} owns {count} open epics in {quarter}, more than the limit of {limit}: {epics}.",
        "{title} est responsable de {count} epics ouverts en {quarter}, au-delà de la limite"
        " de {limit} : {epics}."),
    # QD3xx KPIs and goals
    "QD301": Text("Epic “{title}” has no KPI.",
                  "L’epic « {title} » n’a pas de KPI."),
    "QD302": Text("Epic “{title}” has a KPI (“{kpi}”) but no target.",
                  "L’epic « {title} » a un KPI (« {kpi} ») mais pas de cible."),
    "QD303.in_progress": Text(
        "Epic “{title}” is in progress but its KPI has no current value.",
        "L’epic « {title} » est en cours mais son KPI n’a pas de valeur actuelle."),
    "QD303.done": Text(
        "Epic “{title}” is done but its KPI has no final value.",
        "L’epic « {title} » est terminé mais son KPI n’a pas de valeur finale."),
    "QD304": Text("Epic “{title}” has a KPI target equal to its baseline ({value}).",
                  "L’epic « {title} » a une cible de KPI égale à sa valeur de départ ({value})."),
    "QD305": Text("No key result has the level “North Star”: the team has no North Star metric.",
                  "Aucun résultat clé n’a le niveau « North Star » : l’équipe n’a pas de"
                  " métrique North Star."),
    "QD306": Text("Key result “{title}” has no target.",
                  "Le résultat clé « {title} » n’a pas de cible."),
    # QD4xx schedule
    "QD401": Text("Epic “{title}” has no dates.",
                  "L’epic « {title} » n’a pas de dates."),
    "QD402": Text("Epic “{title}” ends on {end}, before it starts on {start}.",
                  "L’epic « {title} » se termine le {end}, avant de commencer le {start}."),
    "QD403": Text("Epic “{title}” is planned for {quarter} but ends on {end}, in {actual}.",
                  "L’epic « {title} » est prévu pour {quarter} mais se termine le {end},"
                  " en {actual}."),
    "QD404": Text("Task “{title}” is still open but was due on {due}.",
                  "La tâche « {title} » est toujours ouverte alors qu’elle était due le {due}."),
    "QD405": Text("Epic “{title}” is still open but was due to end on {end}.",
                  "L’epic « {title} » est toujours ouvert alors qu’il devait se terminer"
                  " le {end}."),
    "QD406.epic": Text(
        "Epic “{title}” is in progress but nobody has edited it since {edited} ({days} days).",
        "L’epic « {title} » est en cours mais personne ne l’a modifié depuis le {edited}"
        " ({days} jours)."),
    "QD406.task": Text(
        "Task “{title}” is in progress but nobody has edited it since {edited} ({days} days).",
        "La tâche « {title} » est en cours mais personne ne l’a modifiée depuis le {edited}"
        " ({days} jours)."),
    # QD5xx consistency and hygiene
    "QD501": Text("Epic “{title}” is in progress but has no tasks.",
                  "L’epic « {title} » est en cours mais n’a aucune tâche."),
    "QD502": Text("Epic “{title}” is done but still has open tasks ({count}): {tasks}.",
                  "L’epic « {title} » est terminé mais a encore des tâches ouvertes ({count})"
                  " : {tasks}."),
    "QD503.done": Text("Task “{title}” is still open but its epic “{epic}” is done.",
                       "La tâche « {title} » est toujours ouverte alors que son epic"
                       " « {epic} » est terminé."),
    "QD503.dropped": Text("Task “{title}” is still open but its epic “{epic}” was dropped.",
                          "La tâche « {title} » est toujours ouverte alors que son epic"
                          " « {epic} » a été abandonné."),
    "QD504": Text("Epic “{title}” is one of {count} epics with this title in {quarter}.",
                  "L’epic « {title} » fait partie des {count} epics portant ce titre"
                  " en {quarter}."),
    "QD505.stream": Text("Stream “{title}”: the value of “{property}” cannot be used: {problem}",
                         "Stream « {title} » : la valeur de « {property} » est inutilisable :"
                         " {problem}"),
    "QD505.epic": Text("Epic “{title}”: the value of “{property}” cannot be used: {problem}",
                       "Epic « {title} » : la valeur de « {property} » est inutilisable :"
                       " {problem}"),
    "QD505.task": Text("Task “{title}”: the value of “{property}” cannot be used: {problem}",
                       "Tâche « {title} » : la valeur de « {property} » est inutilisable :"
                       " {problem}"),
    "QD505.key_result": Text(
        "Key result “{title}”: the value of “{property}” cannot be used: {problem}",
        "Résultat clé « {title} » : la valeur de « {property} » est inutilisable : {problem}"),
    "QD506.stream": Text("Property “{title}” of the Streams database cannot be used: {problem}",
                         "La propriété « {title} » de la base Streams est inutilisable :"
                         " {problem}"),
    "QD506.epic": Text("Property “{title}” of the Epics database cannot be used: {problem}",
                       "La propriété « {title} » de la base Epics est inutilisable : {problem}"),
    "QD506.task": Text("Property “{title}” of the Tasks database cannot be used: {problem}",
                       "La propriété « {title} » de la base Tâches est inutilisable :"
                       " {problem}"),
    "QD506.key_result": Text(
        "Property “{title}” of the Key results database cannot be used: {problem}",
        "La propriété « {title} » de la base Résultats clés est inutilisable : {problem}"),
}  # fmt: skip
"""What each rule says about one entity."""

FIXES: Mapping[str, Text] = {
    "QD101": Text("Link it to the epic it serves in “{property}”, or close it if it is not needed.",
                  "Reliez-la à l’epic qu’elle sert dans « {property} », ou clôturez-la si elle"
                  " n’est plus utile."),
    "QD102": Text("Restore or share the epic, or link the task to a live epic in “{property}”.",
                  "Restaurez ou partagez l’epic, ou reliez la tâche à un epic actif dans"
                  " « {property} »."),
    "QD103": Text("Link the epic to the stream it serves in “{property}”.",
                  "Reliez l’epic au stream qu’il sert dans « {property} »."),
    "QD104": Text("Plan an epic for this stream in {quarter}, or archive the stream.",
                  "Planifiez un epic pour ce stream en {quarter}, ou archivez le stream."),
    "QD105": Text("Split the roadmap into 3 to 10 distinct themes and add them as streams.",
                  "Découpez la roadmap en 3 à 10 thèmes distincts et ajoutez-les comme streams."),
    "QD106": Text("Merge overlapping streams, or turn narrow ones into epics.",
                  "Fusionnez les streams qui se recoupent, ou transformez les plus étroits en"
                  " epics."),
    "QD201": Text("Name one owner in “{property}”; keep the others in “{contributors}”.",
                  "Désignez un responsable dans « {property} » ; gardez les autres dans"
                  " « {contributors} »."),
    "QD202": Text("Assign the task in “{property}”, or close it if it is not needed.",
                  "Assignez la tâche dans « {property} », ou clôturez-la si elle n’est plus"
                  " utile."),
    "QD203": Text("Hand some of these epics to another owner, or move them to a later quarter.",
                  "Confiez certains de ces epics à un autre responsable, ou reportez-les à un"
                  " trimestre suivant."),
    "QD301": Text("Write in “{property}” the measurable result expected by quarter end,"
                  " with its baseline and target.",
                  "Indiquez dans « {property} » le résultat mesurable attendu en fin de"
                  " trimestre, avec sa valeur de départ et sa cible."),
    "QD302": Text("Fill in “{property}” with the value to reach by quarter end.",
                  "Renseignez « {property} » avec la valeur à atteindre en fin de trimestre."),
    "QD303": Text("Measure the KPI and write the value in “{property}”.",
                  "Mesurez le KPI et inscrivez la valeur dans « {property} »."),
    "QD304": Text("Set “{property}” to the value the epic should reach, or correct the"
                  " baseline.",
                  "Fixez « {property} » à la valeur que l’epic doit atteindre, ou corrigez la"
                  " valeur de départ."),
    "QD305": Text("Add a key result with “{property}” set to “North Star” for the team’s"
                  " headline metric.",
                  "Ajoutez un résultat clé avec « {property} » à « North Star » pour la"
                  " métrique phare de l’équipe."),
    "QD306": Text("Fill in “{property}” with the value to reach by quarter end.",
                  "Renseignez « {property} » avec la valeur à atteindre en fin de trimestre."),
    "QD401": Text("Fill in “{property}” with the epic’s start and end dates.",
                  "Renseignez « {property} » avec les dates de début et de fin de l’epic."),
    "QD402": Text("Re-enter “{property}” with the start date first.",
                  "Saisissez à nouveau « {property} » en commençant par la date de début."),
    "QD403": Text("Set “{property}” to {actual}, or bring the end date back into {quarter}.",
                  "Passez « {property} » à {actual}, ou ramenez la date de fin dans"
                  " {quarter}."),
    "QD404": Text("Finish the task, move “{property}” to a realistic date, or close it.",
                  "Terminez la tâche, déplacez « {property} » à une date réaliste, ou"
                  " clôturez-la."),
    "QD405": Text("Close the epic if its work is done, or move the end of “{property}”"
                  " and tell stakeholders why.",
                  "Clôturez l’epic si son travail est fini, ou décalez la fin de"
                  " « {property} » et prévenez les parties prenantes."),
    "QD406": Text("Update its status or note what changed: items in progress should move"
                  " at least every {limit} days.",
                  "Mettez à jour son statut ou notez ce qui a changé : un élément en cours"
                  " devrait bouger au moins tous les {limit} jours."),
    "QD501": Text("Break the epic down into tasks, or move it back to not started.",
                  "Découpez l’epic en tâches, ou repassez-le en « non commencé »."),
    "QD502": Text("Close the open tasks, move them to another epic, or reopen the epic.",
                  "Clôturez les tâches ouvertes, déplacez-les vers un autre epic, ou rouvrez"
                  " l’epic."),
    "QD503": Text("Close the task, or move it to a live epic in “{property}”.",
                  "Clôturez la tâche, ou déplacez-la vers un epic actif dans « {property} »."),
    "QD504": Text("Merge the duplicates into one epic, or rename them so each title stands"
                  " apart.",
                  "Fusionnez les doublons en un seul epic, ou renommez-les pour que chaque"
                  " titre se distingue."),
    "QD505": Text("Correct the value of “{property}” with the type the property expects.",
                  "Corrigez la valeur de « {property} » avec le type attendu par la propriété."),
    "QD506": Text("Create “{title}” with a supported type, or point `{setting}` in"
                  " quarterdeck.toml at the property the team uses.",
                  "Créez « {title} » avec un type pris en charge, ou faites pointer"
                  " `{setting}` dans quarterdeck.toml vers la propriété utilisée par l’équipe."),
}  # fmt: skip
"""What each rule suggests doing, for every finding of the rule."""


def message_key(code: str, variant: str = "") -> str:
    """The catalog key of a rule's message: ``QD201``, or ``QD102.trashed``."""
    return f"{code}.{variant}" if variant else code


def render(code: str, variant: str, values: Mapping[str, Value], locale: Locale) -> tuple[str, str]:
    """The message and the fix of one finding, in ``locale``.

    Raises:
        KeyError: when the catalog lacks the message or fix, or a placeholder's value.
    """
    formatted = {name: format_value(value, locale) for name, value in values.items()}
    message = MESSAGES[message_key(code, variant)].get(locale).format_map(formatted)
    fix = FIXES[code].get(locale).format_map(formatted)
    return message, fix


FLAG_LABELS: Mapping[str, Text] = {
    "QD101": Text("Orphan task", "Tâche orpheline"),
    "QD102": Text("Epic unreachable", "Epic inaccessible"),
    "QD103": Text("No stream", "Sans stream"),
    "QD104": Text("No epic this quarter", "Aucun epic ce trimestre"),
    "QD105": Text("Too few streams", "Trop peu de streams"),
    "QD106": Text("Too many streams", "Trop de streams"),
    "QD201": Text("No owner", "Sans responsable"),
    "QD202": Text("No assignee", "Non assignée"),
    "QD203": Text("Owner overloaded", "Responsable surchargé"),
    "QD301": Text("No KPI", "Sans KPI"),
    "QD302": Text("No KPI target", "KPI sans cible"),
    "QD303": Text("KPI not measured", "KPI non mesuré"),
    "QD304": Text("KPI target equals baseline", "Cible KPI égale au départ"),
    "QD305": Text("No North Star", "Pas de North Star"),
    "QD306": Text("No target", "Sans cible"),
    "QD401": Text("No dates", "Sans dates"),
    "QD402": Text("Ends before it starts", "Fin avant début"),
    "QD403": Text("Outside its quarter", "Hors trimestre"),
    "QD404": Text("Overdue", "En retard"),
    "QD405": Text("Overdue", "En retard"),
    "QD406": Text("Stale", "Sans activité récente"),
    "QD501": Text("No tasks", "Sans tâches"),
    "QD502": Text("Done with open tasks", "Terminé avec tâches ouvertes"),
    "QD503": Text("Open in a closed epic", "Ouverte dans un epic clos"),
    "QD504": Text("Duplicate title", "Titre en double"),
    "QD505": Text("Unreadable value", "Valeur illisible"),
    "QD506": Text("Unusable property", "Propriété inutilisable"),
}
"""The Flags label of each rule: a multi-select option name people filter views on (short, no
commas, which Notion refuses in option names). Also names the rule on the dashboard."""

REPORT_TEXT: Mapping[str, Text] = {
    # status sections
    "progress": Text("Progress: {percent} — {done} of {tasks} done",
                     "Avancement : {percent} — {done} sur {tasks}"),
    "progress.none": Text("Progress: no live task to measure",
                          "Avancement : aucune tâche active à mesurer"),
    "kpi": Text("KPI: {kpi}", "KPI : {kpi}"),
    "kpi.none": Text("KPI: none set", "KPI : non défini"),
    "kpi.range": Text(" — {baseline} → {target}", " — {baseline} → {target}"),
    "kpi.target": Text(" — target {target}", " — cible {target}"),
    "kpi.no_target": Text(" — no target", " — sans cible"),
    "kpi.baseline": Text(" — from {baseline}, no target", " — départ {baseline}, sans cible"),
    "kpi.current": Text(", now {current}", ", actuellement {current}"),
    "kpi.attainment": Text(" ({percent} of the way)", " ({percent} du chemin)"),
    "kpi.unmeasured": Text(", not measured yet", ", pas encore mesuré"),
    "overdue": Text("Overdue ({count}): ", "En retard ({count}) : "),
    "overdue.none": Text("Overdue: none", "En retard : aucune"),
    "due": Text(" (due ", " (échéance "),
    "next": Text("Next up: ", "À venir : "),
    "next.none": Text("Next up: no open task with a due date",
                      "À venir : aucune tâche ouverte avec une échéance"),
    "more": Text("… and {more}", "… et {more}"),
    "marker": Text("Updated by Quarterdeck", "Mis à jour par Quarterdeck"),
    "stream.progress": Text("Progress: {percent} across {epics} in {quarter}",
                            "Avancement : {percent} sur {epics} en {quarter}"),
    "stream.progress.none": Text("Progress: nothing to measure in {quarter}",
                                 "Avancement : rien à mesurer en {quarter}"),
    "stream.overdue": Text("Tasks overdue: {count}", "Tâches en retard : {count}"),
    "stream.epics": Text("Epics of {quarter}:", "Epics de {quarter} :"),
    "stream.no_epics": Text("No epic in {quarter}.", "Aucun epic en {quarter}."),
    # dashboard
    "dashboard.quarter": Text("{quarter}: {percent} of the planned work done",
                              "{quarter} : {percent} du travail prévu terminé"),
    "dashboard.quarter.none": Text("{quarter}: no work to measure yet",
                                   "{quarter} : aucun travail à mesurer pour l’instant"),
    "dashboard.epics": Text("{epics}: {by_health}", "{epics} : {by_health}"),
    "dashboard.north_star": Text("North Star: ", "North Star : "),
    "dashboard.north_star.attainment": Text(" — {percent} of the way",
                                            " — {percent} du chemin"),
    "dashboard.north_star.none": Text("North Star: none defined",
                                      "North Star : non définie"),
    "dashboard.reflects": Text("Reflects changes up to ", "Reflète les modifications jusqu’au "),
    "dashboard.reflects.none": Text("Reflects no change by a person yet",
                                    "Ne reflète encore aucune modification"),
    "dashboard.streams": Text("Streams", "Streams"),
    "dashboard.at_risk": Text("Epics at risk or off track", "Epics à risque ou hors piste"),
    "dashboard.at_risk.none": Text("No epic is at risk or off track.",
                                   "Aucun epic n’est à risque ou hors piste."),
    "dashboard.findings": Text("Findings by rule", "Problèmes par règle"),
    "dashboard.findings.none": Text("No findings: the roadmap is in order.",
                                    "Aucun problème : la roadmap est en ordre."),
    "column.stream": Text("Stream", "Stream"),
    "column.epic": Text("Epic", "Epic"),
    "column.health": Text("Health", "Santé"),
    "column.progress": Text("Progress", "Avancement"),
    "column.epics": Text("Epics", "Epics"),
    "column.overdue": Text("Overdue tasks", "Tâches en retard"),
    "column.reason": Text("Why", "Pourquoi"),
    "column.rule": Text("Rule", "Règle"),
    "column.count": Text("Count", "Nombre"),
    "column.examples": Text("Where", "Où"),
    "workspace": Text("The roadmap", "La roadmap"),
}  # fmt: skip
"""The wording of status sections and the dashboard; placeholders are filled by
:func:`report_text` (numbers and percentages already written for the locale)."""


def report_text(key: str, locale: Locale, **values: Value) -> str:
    """One piece of section or dashboard wording, in ``locale``.

    Raises:
        KeyError: when the catalog lacks the key, or a placeholder's value.
    """
    formatted = {name: format_value(value, locale) for name, value in values.items()}
    return REPORT_TEXT[key].get(locale).format_map(formatted)


REPORT_COUNTED: Mapping[str, Text] = {
    "tasks.done": Text("{count} task|{count} tasks",
                       "{count} tâche terminée|{count} tâches terminées"),
    "epics": Text("{count} epic|{count} epics", "{count} epic|{count} epics"),
    "more": Text("{count} more|{count} more", "{count} autre|{count} autres"),
}  # fmt: skip
"""Words of sections and the dashboard that agree with a number, as ``one|other``."""


def report_counted(key: str, count: int, locale: Locale) -> str:
    """``1 epic`` / ``3 epics``: the form of :data:`REPORT_COUNTED` ``key`` for ``count``."""
    one, other = REPORT_COUNTED[key].get(locale).split("|")
    # French takes the singular for 0 and 1 ("0 tâche"), English only for 1.
    singular = count < 2 if locale == "fr" else count == 1
    return (one if singular else other).format(count=count)
