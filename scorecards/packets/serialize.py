"""A loaded packet as plain JSON data: what `manage.py packet --format json` writes."""

from __future__ import annotations

from scorecards.packets.load import Packet


def packet_json(packet: Packet) -> dict:
    """The shape of `manage.py packet --format json`."""
    agg = packet.aggregate
    return {
        "candidate": {"name": packet.candidate.name, "email": packet.candidate.email},
        "role": packet.role.title,
        "kit_version": packet.reference_kit,
        "decision": (
            {
                "outcome": packet.decision.outcome,
                "rationale": packet.decision.rationale,
                "decided_at": packet.decision.decided_at.isoformat(),
            }
            if packet.decision
            else None
        ),
        "overall": _round(agg.overall),
        "overall_percent": _round(agg.overall_percent, 1),
        "coverage": _round(agg.coverage, 1),
        "dimensions": [
            {
                "name": d.name,
                "weight": _round(d.weight, 2),
                "kit_weight": d.kit_weight,
                "mean": _round(d.mean),
                "n": d.n,
                "min": d.min,
                "max": d.max,
                "disagreement": d.disagreement,
            }
            for d in agg.dimensions
        ],
        "red_flags": [
            {
                "signal": f.text,
                "interviewer": f.interviewer,
                "note": f.note,
                "dimension": f.dimension,
            }
            for f in agg.red_flags
        ],
        "recommendations": {e.value: e.count for e in agg.tally},
        "warnings": packet.warnings,
        "scorecards": [
            {
                "id": s.id,
                "interviewer": s.interviewer,
                "exercise": s.exercise,
                "kit_version": s.kit_version,
                "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                "weighted": _round(s.score),
                "weighted_percent": _round(s.percent, 1),
                "recommendation": s.recommendation,
                "ratings": [
                    {
                        "dimension": r.dimension,
                        "weight": r.weight,
                        "rating": r.value,
                        "evidence": r.evidence,
                    }
                    for r in s.ratings
                ],
                "signals": [{"kind": g.kind, "signal": g.text, "note": g.note} for g in s.signals],
                "takeaways": s.takeaways,
            }
            for s in packet.scorecards
        ],
        "missing": [
            {"interview": m.interview, "interviewer": m.interviewer, "status": m.status}
            for m in packet.missing
        ],
    }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
