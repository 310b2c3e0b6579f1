"""Rewriting a format-1 scenario into format 2.

States become parties of kind ``state``; each conflict's two belligerents two sides; each
deployment a force of the sending state placed with the receiving state (its command
``sending``/``receiving``/``joint`` becomes ``own``/``placed_with``/``joint``); a person's deployment
the force he is a member of, his captor the party that holds him, his wish to go to X
``wants: [X]`` and each destination he refuses (``refused: true``) ``refuses: [..]``; a
conflict's agreement on repatriation a special agreement of its belligerents. Facts keep
their provenance (certainty, sources, accounts, notes, dates).

>>> data = migrate_document({"id": "x", "title": "t", "as_of": "2025-01-01",
...     "states": {"AAA": {"name": "A"}, "BBB": {"name": "B"}},
...     "conflicts": {"w": {"name": "W", "belligerents": ["AAA", "BBB"]}}})
>>> data["format"], data["parties"]["AAA"], data["conflicts"]["w"]["sides"]
(2, {'kind': 'state', 'name': 'A'}, [['AAA'], ['BBB']])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .documents import Document, PathKey, dotted
from .errors import ScenarioError

COMMAND = {"sending": "own", "receiving": "placed_with", "joint": "joint"}
UNIFORMS = {"sending": "own", "receiving": "placed_with", "none": "none", "mixed": "mixed"}
PAPERS = {"own": "own", "false_receiving_state": "false_placed_with", "none": "none"}
PLACES = {"receiving_state_territory": "placed_with_territory",
          "annexed_by_receiving_state": "annexed_by_placed_with",
          "occupied_by_receiving_state": "occupied_by_placed_with",
          "adversary_territory": "adversary_territory", "sending_state_territory": "own_territory",
          "third_state_territory": "third_state_territory"}
VERIFIED = {True: "independent_interview", False: "not_verified"}

_FORCE_NAMES = {"sending_state": "belongs_to", "receiving_state": "placed_with",
                "command_authority": "command", "integrated_into_receiving_forces": "integrated"}
_FORCE_VALUES: dict[str, dict[Any, Any]] = {"command_authority": COMMAND, "uniforms": UNIFORMS,
                                            "identity_documents": PAPERS}
_PERSON_NAMES = {"deployment": "member_of", "captured_by": "held_by",
                 "member_of_forces_of": "armed_forces_of",
                 "wish_verified_independently": "wish_verification"}


@dataclass
class Migration:
    """The rewritten data, and what was done, one line per change."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)


def migrate_document(data: dict[str, Any]) -> dict[str, Any]:
    """The format-2 data of a (valid) format-1 scenario's data."""
    return migrate(data).data


def migrate(data: dict[str, Any], doc: Document | None = None) -> Migration:
    """Rewrite format-1 data; ``doc`` locates errors (a structure format 2 cannot take as it
    is)."""
    m = Migration({"format": 2})
    where = doc or Document("<scenario>", data)
    uses = _deployment_uses(data, where)
    for key, value in data.items():
        if key == "format":
            continue
        if key == "states":
            m.data["parties"] = {sid: _party(sid, st, m) for sid, st in value.items()}
            m.notes.append(f"states → parties of kind state: {', '.join(value)}")
        elif key == "actors":
            m.data["actors"] = {aid: _rename(a, {"state": "party"}) for aid, a in value.items()}
        elif key == "conflicts":
            m.data["conflicts"] = {cid: _conflict(cid, c, uses.get(cid, []), where, m)
                                   for cid, c in value.items()}
        elif key == "deployments":
            m.data["forces"] = {did: _force(did, d, m) for did, d in value.items()}
        elif key == "persons":
            m.data["persons"] = {pid: _person(pid, p, m, where) for pid, p in value.items()}
        else:
            m.data[key] = value
    if m.undated:
        m.notes.append(f"'since: unknown' written for {len(m.undated)} treaty participation"
                       f"{'s' if len(m.undated) != 1 else ''} without a date "
                       f"({', '.join(m.undated)}): format 1 read them as binding at every date, "
                       "format 2 never does")
    return m


def _rename(entity: dict[str, Any], names: dict[str, str],
            values: dict[str, Callable[[Any], Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in entity.items():
        out[names.get(k, k)] = map_fact(v, values[k]) if values and k in values else v
    return out


def map_fact(raw: Any, fn: Callable[[Any], Any]) -> Any:
    """A fact (bare or in full) with its values (value, before, accounts) mapped by ``fn``;
    ``unknown`` stays."""
    def one(v: Any) -> Any:
        return v if v == "unknown" else fn(v)

    if not isinstance(raw, dict):
        return one(raw)
    out = dict(raw)
    for k in ("value", "before"):
        if k in out:
            out[k] = one(out[k])
    if "accounts" in out:
        out["accounts"] = [{**a, "value": one(a["value"])} if "value" in a else a
                           for a in out["accounts"]]
    return out


def _value(raw: Any) -> Any:
    return raw.get("value", "unknown") if isinstance(raw, dict) else raw


def stated(raw: Any) -> bool:
    """Whether a format-1 fact says anything (more than ``unknown``)."""
    if isinstance(raw, dict):
        return any(k != "value" or v != "unknown" for k, v in raw.items()
                   if v not in (None, [], {}))
    return raw is not None and raw != "unknown"


def _party(sid: str, state: dict[str, Any], m: Migration) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "state"}
    for k, v in state.items():
        out[k] = {tid: _participation(sid, tid, tp, m) for tid, tp in v.items()} \
            if k == "treaties" else v
    return out


def _participation(sid: str, tid: str, tp: dict[str, Any], m: Migration) -> dict[str, Any]:
    if tp.get("since") is not None or tp.get("status") != "party":
        return tp
    out: dict[str, Any] = {}
    for k, v in tp.items():
        if k != "since":
            out[k] = v
        if k == "status":
            out["since"] = "unknown"
    m.undated.append(f"{sid}.{tid}")
    return out


def _error(doc: Document, key: PathKey, message: str, expected: str) -> ScenarioError:
    return ScenarioError(message, location=doc.locate(key), field=dotted(key),
                         expected=expected)


def _deployment_uses(data: dict[str, Any], doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Each deployment's 'armed_attack_intensity', as a use of force of its conflict."""
    uses: dict[str, list[dict[str, Any]]] = {}
    for did, d in (data.get("deployments") or {}).items():
        conflict = (data.get("conflicts") or {}).get(d["conflict"], {})
        belligerents = conflict.get("belligerents", [])
        if len(belligerents) == 2 and set(belligerents) != {d["receiving_state"], d["against"]}:
            raise _error(doc, ("deployments", did, "receiving_state"), "format 2 places a force "
                         "with a party on one side of its conflict, and finds its adversary on "
                         "the other side; this deployment's receiving state and adversary are "
                         "not the conflict's two belligerents", "the receiving state and "
                         "'against' to be the two belligerents of the conflict")
        if stated(d.get("armed_attack_intensity")):
            uses.setdefault(d["conflict"], []).append(
                {"by": d["sending_state"], "against": d["against"], "force": did,
                 "armed_attack": d["armed_attack_intensity"]})
    return uses


def _conflict(cid: str, c: dict[str, Any], uses: list[dict[str, Any]], doc: Document,
              m: Migration) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in c.items():
        if k == "belligerents":
            if len(v) != 2:
                raise _error(doc, ("conflicts", cid, "belligerents"), f"{len(v)} belligerents: "
                             "format 2 needs to know who fights on which side",
                             "two belligerents, or a file written in format 2 by hand, with "
                             "its sides")
            out["sides"] = [[v[0]], [v[1]]]
            m.notes.append(f"conflicts.{cid}: belligerents {v[0]} and {v[1]} → two opposing "
                           "sides")
        elif k == "kind":
            out["described_as"] = v
        elif k == "armed_attack_by_adversary":
            if stated(v):
                uses = [_adversary_attack(cid, c, v, doc), *uses]
        elif k == "repatriation_agreement":
            if stated(v):
                m.data.setdefault("agreements", {})[f"{cid}-repatriation"] = {
                    "kind": "special_agreement", "parties": list(c["belligerents"]),
                    "conflict": cid, "governs_repatriation": v}
                m.notes.append(f"conflicts.{cid}.repatriation_agreement → agreements."
                               f"{cid}-repatriation (a special agreement of its belligerents)")
        else:
            out[k] = v
    if uses:
        out["uses_of_force"] = uses
        m.notes.append(f"conflicts.{cid}: armed-attack facts → uses_of_force "
                       f"({', '.join(u['by'] + ' against ' + u['against'] for u in uses)})")
    return out


def _adversary_attack(cid: str, c: dict[str, Any], raw: Any, doc: Document) -> dict[str, Any]:
    aggressor = _value(c.get("aggressor", "unknown"))
    others = [b for b in c["belligerents"] if b != aggressor]
    if aggressor == "unknown" or len(others) != 1:
        raise _error(doc, ("conflicts", cid, "armed_attack_by_adversary"),
                     "an armed attack by 'the aggressor's adversary' cannot be written in "
                     "format 2 while the aggressor is unknown", "the aggressor stated, or this "
                     "fact removed")
    return {"by": others[0], "against": aggressor, "armed_attack": raw}


def _force(did: str, d: dict[str, Any], m: Migration) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if k in ("against", "armed_attack_intensity"):
            continue
        if k == "locations":
            out[k] = [{**p, "status": map_fact(p["status"], PLACES.__getitem__)}
                      if "status" in p else p for p in v]
        elif k in _FORCE_VALUES:
            out[_FORCE_NAMES.get(k, k)] = map_fact(v, _FORCE_VALUES[k].__getitem__)
        else:
            out[_FORCE_NAMES.get(k, k)] = v
    m.notes.append(f"deployments.{did} → forces.{did}: a force of {d['sending_state']} placed "
                   f"with {d['receiving_state']}, fighting {d['against']}")
    return out


def _person(pid: str, p: dict[str, Any], m: Migration, doc: Document) -> dict[str, Any]:
    p = {k: v for k, v in p.items() if not (k == "deployment" and v is None)}
    refuses = _refusals(pid, p, doc)
    out = _rename(p, _PERSON_NAMES, {
        "wishes": lambda v: {"wants": [v]},
        "wish_verified_independently": VERIFIED.__getitem__})
    if refuses:
        out["wishes"] = _with_refusals(out.get("wishes"), refuses)
        m.notes.append(f"persons.{pid}: destinations refused → wishes: {{refuses: "
                       f"[{', '.join(refuses)}]}}")
    done = [f"{old} → {new}" for old, new in _PERSON_NAMES.items() if old in p]
    if "wishes" in p:
        done.append("wishes X → wishes: {wants: [X]}")
    if done:
        m.notes.append(f"persons.{pid}: {', '.join(done)}")
    return out


def _refusals(pid: str, p: dict[str, Any], doc: Document) -> list[str]:
    """The destinations a person refuses (format 1's ``refused: true``), taken out of his
    destinations: format 2 states them in his wishes, which carry one provenance."""
    refuses: list[str] = []
    destinations = dict(p.get("destinations") or {})
    for dest, facts in destinations.items():
        if "refused" not in facts:
            continue
        raw = facts["refused"]
        if raw is not True:
            raise _error(doc, ("persons", pid, "destinations", dest, "refused"),
                         "format 2 states a refusal only in the person's wishes, with their "
                         "provenance: this refusal cannot be written there as it is",
                         "'refused: true' (its sources on the person's wishes), or the file "
                         "written in format 2 by hand")
        refuses.append(dest)
        destinations[dest] = {k: v for k, v in facts.items() if k != "refused"}
    if refuses:
        p["destinations"] = destinations
    return refuses


def _with_refusals(wishes: Any, refuses: list[str]) -> Any:
    """Format 2's wishes: the one state wanted (if any) and the states refused."""
    if isinstance(wishes, dict) and "wants" not in wishes:
        value = wishes.get("value", "unknown")
        return {**wishes, "value": {**({} if value == "unknown" else value),
                                    "refuses": refuses}}
    if isinstance(wishes, dict):
        return {**wishes, "refuses": refuses}
    return {"refuses": refuses}
