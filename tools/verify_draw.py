#!/usr/bin/env python3
"""Recompute a Lottery scheduled draw from its published data, independently of the server's code.

    python3 tools/verify_draw.py http://localhost:5080 <activityId>

Uses only the Python standard library. Checks that SHA-256(seed) equals the published commitment, that the SHA-256 of
the canonical entrant list equals the published entrant hash, and that ranking the entrants by HMAC-SHA256(seed,
playerId) and handing out the prizes in order reproduces the published winners. Exit code 0 when everything matches.
"""
import hashlib
import hmac
import json
import sys
import urllib.request


def main(base_url: str, activity_id: str) -> int:
    with urllib.request.urlopen(f"{base_url.rstrip('/')}/api/activities/{activity_id}/verification") as response:
        data = json.load(response)
    if not data.get("seed"):
        print(f"Not drawn yet (status {data['status']}); seed commitment {data['seedCommitment']}.")
        return 2

    seed = bytes.fromhex(data["seed"])
    canonical = "\n".join(sorted({e.lower() for e in data["entrants"]}))
    checks = {
        "seed matches its commitment": hashlib.sha256(seed).hexdigest() == data["seedCommitment"],
        "entrant list matches its hash": hashlib.sha256(canonical.encode()).hexdigest() == data["entrantsHash"],
    }
    ranked = sorted(canonical.split("\n") if canonical else [],
                    key=lambda pid: (hmac.new(seed, pid.encode(), hashlib.sha256).digest(), pid))
    expected, next_entrant = [], 0
    for prize in data["prizes"]:
        for _ in range(prize["count"]):
            if next_entrant < len(ranked):
                expected.append((ranked[next_entrant], prize["prizeId"].lower()))
                next_entrant += 1
    published = sorted((w["playerId"].lower(), w["prizeId"].lower()) for w in data["winners"])
    checks["winners match the recomputation"] = sorted(expected) == published

    for name, ok in checks.items():
        print(f"{'OK  ' if ok else 'FAIL'} {name}")
    for rank, (player, prize_id) in enumerate(expected, start=1):
        name = next(p["prize"] for p in data["prizes"] if p["prizeId"].lower() == prize_id)
        print(f"  {rank:>3}. {player}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(64)
    sys.exit(main(sys.argv[1], sys.argv[2]))
