"""The Spanish glossary: one term per concept, and the variants the content lint refuses.

`protocols/README.md` (section "Spanish glossary") explains each choice for authors; this
is the machine list. Patterns match folded text (lowercase, accents removed, see
`clinic.safety_words.fold`). Text between quotes ("...", “...”, «...», '...') is left out
first: a quoted menu name is the phone's own wording, whatever our glossary says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from clinic.safety_words import fold


@dataclass(frozen=True)
class Concept:
    """One concept: the term to use, and the variants refused (regexes over folded text).
    `survivor_only` variants are refused only in text a survivor reads."""

    concept: str
    use: str
    forbidden: tuple[str, ...]
    survivor_only: bool = False


SPANISH: tuple[Concept, ...] = (
    Concept(
        "factory reset",
        "restablecer los valores de fábrica (reiniciar = only a restart)",
        (
            r"reinici\w*(?:\s+\w+){0,6}\s+(?:de\s+)?fabrica",
            r"reinici\w*\s+(?:a\s+)?(?:los\s+)?(?:valores|ajustes)\s+(?:de\s+)?(?:fabrica|originales)",
            r"resete\w*",
            r"formate\w*\s+(?:el|la)\s+(?:telefono|router|dispositivo|aparato)",
        ),
    ),
    Concept(
        "report to a platform / to the police",
        "reportar (to a platform or app); denunciar (to the police or a court)",
        (
            r"denunci\w*(?:\s+\w+){0,4}\s+(?:a|en|ante)\s+(?:la\s+|el\s+)?"
            r"(?:plataforma|facebook|instagram|snapchat|whatsapp|tiktok|app|aplicacion|red\s+social|servicio)",
            r"report\w*(?:\s+\w+){0,3}\s+(?:a|ante)\s+la\s+policia",
        ),
    ),
    Concept(
        "mandatory reporting",
        "reporte obligatorio",
        (
            r"denuncia\s+obligatoria",
            r"notificacion\s+obligatoria",
            r"informe\s+obligatorio",
            r"obligacion\s+de\s+denunciar",
        ),
    ),
    Concept(
        "sign out",
        "cerrar la sesión en ... (a device, an app)",
        (r"cerrar\s+sesion", r"deslogue\w*", r"desloguear", r"salir\s+de\s+la\s+sesion"),
    ),
    Concept(
        "Find My (Apple)",
        "Encontrar (the app); Encontrar mi iPhone / mi Mac",
        (r"buscar\s*/\s*encontrar", r"buscar\s+mi\s+(?:iphone|ipad|mac)", r"app\s+buscar"),
    ),
    Concept(
        "escalation",
        "name the reaction: la otra persona podría enojarse, buscarla o presionarla",
        (r"provocar\s+una\s+escalada", r"escalada"),
    ),
    Concept(
        "the volunteers",
        "la persona voluntaria / el equipo de voluntarios (never 'el voluntariado' as a subject)",
        (r"el\s+voluntariado\s+(?:nunca|no|da|entrega|aporta|anota|ve)",),
    ),
    Concept(
        "declined topic",
        "prefirió no hablar de esto (never 'rechazado')",
        (
            r"(?:temas?|preguntas?)\s+(?:\w+\s+)?rechazad[oa]s?",
            r"tratad[oa]s?\s+o\s+rechazad[oa]s?",
            r"(?:marc\w*|queda\w*)\s+como\s+rechazad[oa]s?",
        ),
    ),
    Concept(
        "advocate (survivor text)",
        "su intercesora o intercesor (printed); 'persona intercesora' only in volunteer text",
        (r"persona\s+intercesora",),
        survivor_only=True,
    ),
)

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|(?<!\w)'[^']*'(?!\w)")


def unquoted(text: str) -> str:
    """Text with quoted parts (menu names) blanked out."""
    return _QUOTED.sub(" ", text)


@cache
def _compiled(survivor: bool) -> tuple[tuple[Concept, re.Pattern[str]], ...]:
    out = []
    for concept in SPANISH:
        if concept.survivor_only and not survivor:
            continue
        pattern = r"(?<!\w)(?:" + "|".join(concept.forbidden) + r")(?!\w)"
        out.append((concept, re.compile(pattern)))
    return tuple(out)


def glossary_problems(text: str, survivor: bool = False) -> list[str]:
    """Why one Spanish text breaks the glossary (empty when it does not)."""
    folded = fold(unquoted(text))
    problems = []
    for concept, pattern in _compiled(survivor):
        match = pattern.search(folded)
        if match:
            problems.append(
                f'uses "{match.group(0)}" for {concept.concept}: the glossary says {concept.use}'
            )
    return problems
