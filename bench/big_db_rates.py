"""Time the 三率 on a database loaded by bench/big_db.py (which measures them too): a county-month and a
province-year, as rates_for and as the ranking, p50 of N runs; prints JSON.

    SIXIA_DATABASE_URL=postgres://…  .venv/bin/python bench/big_db_rates.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.dirname(__file__))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from big_db import measure_rates
    from sixia.org.models import User

    county_user, province_user = User.objects.get(username="big-county"), User.objects.get(username="big-province")
    print(json.dumps(measure_rates(county_user, province_user, county_user.jurisdiction_id, args.runs), indent=1))


if __name__ == "__main__":
    main()
