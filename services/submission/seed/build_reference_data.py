#!/usr/bin/env python3
"""Builds the submission service's reference-data seed from ../shared/data (run from the repository root):

    python3 services/submission/seed/build_reference_data.py ../shared/data

The shared files are facts with their sources; the seed keeps the fields the service validates with, completes the
104 countries from the CGPM list of Member States and Associates (member-states-2022.txt) and the RMO pages the
shared data cites, and says for each table whether it is complete (validation refuses unknown values) or partial
(unknown values are accepted until the KCDB office adds them).
"""
import json
import sys
from pathlib import Path

SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
OUT = Path(__file__).resolve().parent.parent / "src/main/resources/reference-data/kcdb-seed.json"

src = json.loads((SHARED / "kcdb-reference-data.json").read_text(encoding="utf-8"))

# ISO 3166-1 alpha-2, KCDB/CGPM name, status, primary RMO. MS = Member State, A = Associate (2022 list);
# the last entries are economies and countries whose institutes or RMO pages appear in the shared data.
COUNTRIES = [
    ("AR", "Argentina", "MS", "SIM"), ("AU", "Australia", "MS", "APMP"), ("AT", "Austria", "MS", "EURAMET"),
    ("BY", "Belarus", "MS", "COOMET"), ("BE", "Belgium", "MS", "EURAMET"), ("BR", "Brazil", "MS", "SIM"),
    ("BG", "Bulgaria", "MS", "EURAMET"), ("CA", "Canada", "MS", "SIM"), ("CL", "Chile", "MS", "SIM"),
    ("CN", "China", "MS", "APMP"), ("CO", "Colombia", "MS", "SIM"), ("HR", "Croatia", "MS", "EURAMET"),
    ("CZ", "Czechia", "MS", "EURAMET"), ("DK", "Denmark", "MS", "EURAMET"), ("EC", "Ecuador", "MS", "SIM"),
    ("EG", "Egypt", "MS", "AFRIMETS"), ("EE", "Estonia", "MS", "EURAMET"), ("FI", "Finland", "MS", "EURAMET"),
    ("FR", "France", "MS", "EURAMET"), ("DE", "Germany", "MS", "EURAMET"), ("GR", "Greece", "MS", "EURAMET"),
    ("HU", "Hungary", "MS", "EURAMET"), ("IN", "India", "MS", "APMP"), ("ID", "Indonesia", "MS", "APMP"),
    ("IR", "Iran", "MS", "APMP"), ("IQ", "Iraq", "MS", None), ("IE", "Ireland", "MS", "EURAMET"),
    ("IL", "Israel", "MS", "EURAMET"), ("IT", "Italy", "MS", "EURAMET"), ("JP", "Japan", "MS", "APMP"),
    ("KZ", "Kazakhstan", "MS", "COOMET"), ("KE", "Kenya", "MS", "AFRIMETS"),
    ("KR", "Korea (Republic of)", "MS", "APMP"), ("LT", "Lithuania", "MS", "EURAMET"),
    ("MY", "Malaysia", "MS", "APMP"), ("MX", "Mexico", "MS", "SIM"), ("ME", "Montenegro", "MS", "EURAMET"),
    ("MA", "Morocco", "MS", "AFRIMETS"), ("NL", "Netherlands", "MS", "EURAMET"),
    ("NZ", "New Zealand", "MS", "APMP"), ("NO", "Norway", "MS", "EURAMET"), ("PK", "Pakistan", "MS", "APMP"),
    ("PL", "Poland", "MS", "EURAMET"), ("PT", "Portugal", "MS", "EURAMET"), ("RO", "Romania", "MS", "EURAMET"),
    ("RU", "Russian Federation", "MS", "COOMET"), ("SA", "Saudi Arabia", "MS", "GULFMET"),
    ("RS", "Serbia", "MS", "EURAMET"), ("SG", "Singapore", "MS", "APMP"), ("SK", "Slovakia", "MS", "EURAMET"),
    ("SI", "Slovenia", "MS", "EURAMET"), ("ZA", "South Africa", "MS", "AFRIMETS"), ("ES", "Spain", "MS", "EURAMET"),
    ("SE", "Sweden", "MS", "EURAMET"), ("CH", "Switzerland", "MS", "EURAMET"), ("TH", "Thailand", "MS", "APMP"),
    ("TN", "Tunisia", "MS", "AFRIMETS"), ("TR", "Turkey", "MS", "EURAMET"), ("UA", "Ukraine", "MS", "COOMET"),
    ("AE", "United Arab Emirates", "MS", "GULFMET"), ("GB", "United Kingdom", "MS", "EURAMET"),
    ("US", "United States of America", "MS", "SIM"), ("UY", "Uruguay", "MS", "SIM"),
    ("AL", "Albania", "A", "EURAMET"), ("AZ", "Azerbaijan", "A", "COOMET"), ("BD", "Bangladesh", "A", "APMP"),
    ("BO", "Bolivia", "A", "SIM"), ("BA", "Bosnia and Herzegovina", "A", "EURAMET"),
    ("BW", "Botswana", "A", "AFRIMETS"), ("KH", "Cambodia", "A", "APMP"), ("MN", "Mongolia", "A", "APMP"),
    ("NA", "Namibia", "A", "AFRIMETS"), ("OM", "Oman", "A", "GULFMET"), ("PA", "Panama", "A", "SIM"),
    ("PY", "Paraguay", "A", "SIM"), ("PE", "Peru", "A", "SIM"), ("PH", "Philippines", "A", "APMP"),
    ("QA", "Qatar", "A", "GULFMET"), ("LK", "Sri Lanka", "A", "APMP"), ("SY", "Syrian Arab Republic", "A", None),
    ("TZ", "Tanzania", "A", "AFRIMETS"), ("UZ", "Uzbekistan", "A", "COOMET"), ("VN", "Viet Nam", "A", "APMP"),
    ("ZM", "Zambia", "A", "AFRIMETS"), ("ZW", "Zimbabwe", "A", "AFRIMETS"),
    # CARICOM, an Associate economy: its 11 members take part through SIM (CARIMET)
    ("AG", "Antigua and Barbuda", "A", "SIM"), ("BB", "Barbados", "A", "SIM"), ("BZ", "Belize", "A", "SIM"),
    ("DM", "Dominica", "A", "SIM"), ("GD", "Grenada", "A", "SIM"), ("GY", "Guyana", "A", "SIM"),
    ("KN", "Saint Kitts and Nevis", "A", "SIM"), ("LC", "Saint Lucia", "A", "SIM"),
    ("VC", "Saint Vincent and the Grenadines", "A", "SIM"), ("SR", "Suriname", "A", "SIM"),
    ("TT", "Trinidad and Tobago", "A", "SIM"),
    # economies and countries seen in KCDB codes, institutes or RMO pages of the shared data
    ("TW", "Chinese Taipei", "A", "APMP"), ("HK", "Hong Kong (China)", "A", "APMP"),
    ("CR", "Costa Rica", "A", "SIM"), ("JM", "Jamaica", "A", "SIM"), ("MK", "North Macedonia", "A", "EURAMET"),
    ("KW", "Kuwait", "A", "GULFMET"), ("CU", "Cuba", "A", "SIM"), ("GE", "Georgia", "A", "COOMET"),
]

RMO_NAMES = {r["acronym"]: r["name"] for r in src["rmos"]}

# Institutes of the shared data, completed with the country and RMO of the well-known ones, plus the demo realm's.
INSTITUTE_PLACES = {
    "BAM": ("DE", "Bundesanstalt für Materialforschung und -prüfung"), "BEV": ("AT", "Bundesamt für Eich- und Vermessungswesen"),
    "BFKH": ("HU", None), "BIM": ("BG", "Bulgarian Institute of Metrology"), "BOM": ("MK", "Bureau of Metrology"),
    "BSJ": ("JM", "Bureau of Standards Jamaica"), "CENAMEP AIP": ("PA", None), "CIEMAT": ("ES", None),
    "ININ": ("MX", None), "LNE-LNHB": ("FR", "Laboratoire National Henri Becquerel"), "MIKES-SYKE": ("FI", None),
    "NMIA": ("AU", "National Measurement Institute, Australia"), "NRC": ("CA", "National Research Council Canada"),
    "NRSL/INER": ("TW", None), "Nuclear Malaysia": ("MY", "Malaysian Nuclear Agency"), "STUK": ("FI", None),
    "UME": ("TR", None), "VNIIFTRI": ("RU", None), "VNIIM": ("RU", "D.I. Mendeleyev Institute for Metrology"),
    "PTB": ("DE", "Physikalisch-Technische Bundesanstalt"), "NPL": ("GB", "National Physical Laboratory"),
    "NIST": ("US", "National Institute of Standards and Technology"),
    "LNE": ("FR", "Laboratoire national de métrologie et d'essais"),
    "KRISS": ("KR", "Korea Research Institute of Standards and Science"),
    "NMISA": ("ZA", "National Metrology Institute of South Africa"),
}
EXTRA_INSTITUTES = [("SASO-NMCC", "National Measurement and Calibration Center", "SA"), ("NMIJ", None, "JP")]


def strip(entry, keys):
    return {k: entry.get(k) for k in keys}


def main():
    areas = {a["id"]: a["label"] for a in src["metrologyAreas"]}
    branches = {b["id"]: b for b in src["branches"]}
    services = {s["id"]: s for s in src["services"]}
    subs = {s["id"]: s for s in src["subServices"]}
    seed = {"_about": "Seed of the submission service's reference data, built by seed/build_reference_data.py from "
                      "../shared/data (each source is named there). 'complete' tables refuse unknown values.",
            "complete": ["domains", "metrologyAreas", "branches", "services", "subServices", "individualServices",
                         "quantities", "countries", "rmos"]}
    seed["domains"] = [strip(d, ["code", "name"]) for d in src["domains"]]
    seed["metrologyAreas"] = [strip(a, ["id", "label", "value", "domainCode"]) for a in src["metrologyAreas"]]
    seed["branches"] = [dict(strip(b, ["id", "label", "value"]), areaLabel=areas[b["areaId"]])
                        for b in src["branches"]]
    seed["services"] = [dict(strip(s, ["id", "label", "value", "physicsCode"]), branchLabel=branches[s["branchId"]]["label"])
                        for s in src["services"]]
    seed["subServices"] = []
    for s in src["subServices"]:
        service = services[s["serviceId"]]
        seed["subServices"].append(dict(strip(s, ["id", "label", "value", "physicsCode"]), serviceId=service["id"],
                                        branchLabel=service["branchLabel"]))
    seed["individualServices"] = []
    for i in src["individualServices"]:
        sub = subs[i["subServiceId"]]
        seed["individualServices"].append(dict(strip(i, ["id", "label", "value", "physicsCode"]),
                                               subServiceId=sub["id"],
                                               branchLabel=services[sub["serviceId"]]["branchLabel"]))
    seed["quantities"] = [strip(q, ["id", "label", "value", "radiationBranchLabel"])
                          for q in src["quantities"]["items"] if q["value"]]
    seed["radiationSources"] = [strip(x, ["id", "label", "value", "branchLabel"]) for x in src["radiationSources"]]
    seed["radiationMedia"] = [strip(x, ["id", "label", "value", "branchLabel"]) for x in src["radiationMediums"]]
    seed["nuclides"] = [strip(x, ["id", "label", "value"]) for x in src["nuclides"]]
    seed["chemistryCategories"] = [strip(x, ["id", "label", "value"]) for x in src["chemistryCategories"]]
    seed["chemistrySubCategories"] = [strip(x, ["categoryLabel", "label", "value"])
                                      for x in src["chemistrySubCategories"]]
    seed["analytes"] = [strip(x, ["id", "label", "value"]) for x in src["analytes"]]
    known_ids = {c["label"]: c["id"] for c in src["countries"]}
    seed["countries"] = [{"id": known_ids.get(iso), "label": iso, "value": name,
                          "status": "MEMBER_STATE" if status == "MS" else "ASSOCIATE", "rmo": rmo}
                         for iso, name, status, rmo in COUNTRIES]
    assert len({c["label"] for c in seed["countries"]}) == 104, len(seed["countries"])
    seed["rmos"] = [{"acronym": acronym, "name": RMO_NAMES[acronym],
                     "members": sorted(c["label"] for c in seed["countries"] if c["rmo"] == acronym)}
                    for acronym in ["AFRIMETS", "APMP", "COOMET", "EURAMET", "GULFMET", "SIM"]]
    rmo_of = {c["label"]: c["rmo"] for c in seed["countries"]}
    institutes = []
    for i in src["institutes"]:
        country, name = INSTITUTE_PLACES.get(i["nmiCode"], (i["countryLabel"], None))
        country = i["countryLabel"] or country
        institutes.append({"nmiCode": i["nmiCode"], "nmiName": i["nmiName"] or name, "countryLabel": country,
                           "rmo": i["rmo"] or rmo_of.get(country), "nmiIdentifier": i["nmiIdentifier"],
                           "nmiRorIdentifier": i["nmiRorIdentifier"],
                           "nmiWikiDataIdentifier": i["nmiWikiDataIdentifier"]})
    for code, name, country in EXTRA_INSTITUTES:
        institutes.append({"nmiCode": code, "nmiName": name, "countryLabel": country, "rmo": rmo_of[country],
                           "nmiIdentifier": None, "nmiRorIdentifier": None, "nmiWikiDataIdentifier": None})
    seed["institutes"] = institutes
    OUT.write_text(json.dumps(seed, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print("wrote", OUT, {k: len(v) for k, v in seed.items() if isinstance(v, list)})


main()
