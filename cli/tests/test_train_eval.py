# SPDX-License-Identifier: MIT
"""`l2a train` and `l2a eval` on small labelled worlds written by the test
itself: the model file, determinism, the fit doing its job, the figures and
their consistency, the baselines, the plots, and the exit statuses."""
import csv
import json
import os
import random
import xml.etree.ElementTree as ET

from clitest import (EXIT_INPUT, EXIT_OK, EXIT_USAGE, expect, expect_eq, expect_rc, l2a, main,
                     read_json)

EXIT_TARGET_MISSED = 6
SVG = "{http://www.w3.org/2000/svg}"

COMPANIES = [
    ("Acme Widgets", "acme-widgets.com", "US"), ("Globex Industries", "globex.io", "US"),
    ("Initech Software", "initech.de", "DE"), ("Umbrella Health Trust", "umbrella-health.org", "GB"),
    ("Hooli Platforms", "hooli.com", "US"), ("Vandelay Imports", "vandelay.com", "US"),
    ("Stark Precision Engineering", "stark-precision.com", "US"),
    ("Wayne Logistics", "waynelogistics.com", "US"), ("Wonka Confections", "wonka.co.uk", "GB"),
    ("Tyrell Robotics", "tyrell.jp", "JP"), ("Cyberdyne Systems", "cyberdyne.com", "US"),
    ("Soylent Foods", "soylent.fr", "FR"), ("Gringotts Savings Bank", "gringotts.ch", "CH"),
    ("Monarch Solutions", "monarch-solutions.nl", "NL"), ("Oceanic Airlines", "oceanic.au", "AU"),
    ("Dunder Mifflin Paper", "dundermifflin.com", "US"), ("Nakatomi Trading", "nakatomi.jp", "JP"),
    ("Sirius Cybernetics", "sirius-cyber.com", "GB"), ("Bluth Homes", "bluthhomes.com", "US"),
    ("Prestige Worldwide", "prestigeww.com", "US"),
]
STRANGERS = ["Blue Harbor Logistics", "Quantum Peach Studios", "Northwind Traders",
             "Silver Lantern Media", "Redwood Analytics", "Copper Kettle Foods",
             "Granite Peak Mining", "Velvet Orbit Labs"]
FREEMAIL = ["gmail.com", "yahoo.com", "outlook.com"]
PERSON_COLUMNS = ["person_id", "email", "company_name", "company_website", "country",
                  "account_ids"]


def typo(rng, name):
    words = name.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", restval="")
        out.writeheader()
        out.writerows(rows)
    return path


def world(seed, prefix, folder=".", truth_columns=("person_id", "account_id", "recipe", "expect")):
    """Writes accounts.csv, PREFIX-persons.csv and PREFIX-truth.csv; returns their paths."""
    rng = random.Random(seed)
    accounts = [{"account_id": f"A{i + 1:02d}", "name": n, "domains": d, "country": c,
                 "website": f"https://www.{d}/"} for i, (n, d, c) in enumerate(COMPANIES)]
    persons, truth = [], []

    def person(recipe, account="", expect_="", **fields):
        pid = f"{prefix}{len(persons) + 1:04d}"
        persons.append({"person_id": pid, **fields})
        truth.append({"person_id": pid, "account_id": account, "recipe": recipe,
                      "expect": expect_})

    def freemail():
        return f"user{rng.randrange(10000)}@{rng.choice(FREEMAIL)}"

    for a in accounts:
        aid, name, dom = a["account_id"], a["name"], a["domains"]
        for _ in range(2):
            person("domain", aid, email=f"p{rng.randrange(1000)}@{dom}")
        person("domain_and_name", aid, email=f"q{rng.randrange(1000)}@{dom}", company_name=name)
        person("name", aid, company_name=name, country=a["country"])
        person("name", aid, company_name=name.upper() + " Inc.", email=freemail())
        person("typo", aid, company_name=typo(rng, name), email=freemail())
        person("website", aid, company_website=f"http://{dom}/contact")
    for s in STRANGERS:
        person("stranger", company_name=s, email=freemail())
        person("stranger_domain", email=f"x@{s.split()[0].lower()}-{rng.randrange(99)}.com")
    for _ in range(4):
        person("freemail_only", email=freemail())
    for k in range(3):
        person("account_person", accounts[k]["account_id"], "skipped",
               email=f"ap{k}@{accounts[k]['domains']}", account_ids=accounts[k]["account_id"])
        person("anonymous", "", "anonymous")
    account_path = os.path.join(folder, "accounts.csv")
    write_csv(account_path, ["account_id", "name", "website", "domains", "country"], accounts)
    persons_path = write_csv(os.path.join(folder, f"{prefix}-persons.csv"), PERSON_COLUMNS,
                             persons)
    truth_rows = [{k: t[k] for k in truth_columns} for t in truth]
    truth_path = write_csv(os.path.join(folder, f"{prefix}-truth.csv"), list(truth_columns),
                           truth_rows)
    return account_path, persons_path, truth_path


def train(accounts, persons, truth, out="model.txt", *extra):
    proc = l2a("train", "-a", accounts, "-p", persons, "--truth", truth, "-o", out, "-q", *extra)
    expect_rc(proc, EXIT_OK, "train")
    with open(out, encoding="ascii") as f:
        return f.read()


def trained():
    accounts, persons, truth = world(1, "T")
    return train(accounts, persons, truth, "model.txt", "--model-version", "test-model-7")


def model_lines(text):
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def evaluate(*extra, seed=2, rc=EXIT_OK):
    accounts, persons, truth = world(seed, "E")
    proc = l2a("eval", "-a", accounts, "-p", persons, "--truth", truth, "-q", *extra)
    expect_rc(proc, rc, "eval")
    return proc


# ---- train ----

def test_train_writes_a_model_the_library_loads():
    text = trained()
    lines = model_lines(text)
    expect_eq(lines[0], "l2a-model 1", "format header")
    expect_eq(lines[1], "version test-model-7", "version line")
    expect_eq(lines[2], "threshold 0.5", "default threshold")
    expect(lines[3].startswith("bias "), "bias line")
    expect_eq(lines[-1], "end", "last line")
    expect(lines[-2].startswith("calibration platt "), "calibration line")
    weights = [line.split()[1] for line in lines if line.startswith("weight ")]
    expect(len(weights) >= 20 and len(set(weights)) == len(weights), "one weight per feature")
    for name in ("email_domain", "name_trigram", "name_exact", "domain_conflict"):
        expect(name in weights, f"weight of {name}")
    accounts, persons, _ = world(1, "T")
    proc = l2a("match", "-a", accounts, "-p", persons, "--model", "model.txt", "--all",
               "--metrics", "m.json", "-o", "out.csv", "-q")
    expect_rc(proc, EXIT_OK, "match with the trained model")
    expect_eq(read_json("m.json")["model_version"], "test-model-7", "model version in metrics")


def test_train_learns_the_evidence():
    text = trained()
    w = {line.split()[1]: float(line.split()[2]) for line in model_lines(text)
         if line.startswith("weight ")}
    expect(w["email_domain"] > 1.0, f"a matching email domain is evidence ({w['email_domain']})")
    expect(w["domain_conflict"] < 0.0, f"another corporate domain is evidence against "
                                        f"({w['domain_conflict']})")
    a, b = (float(v) for v in model_lines(text)[-2].split()[2:4])
    expect(a > 0.0, f"calibration keeps the order of scores (a = {a})")
    expect_eq(b, 0.0, "no calibration intercept unless asked: one half stays one half")
    accounts, persons, truth = world(1, "T")
    text = train(accounts, persons, truth, "b.txt", "--platt-intercept")
    a2, b2 = (float(v) for v in model_lines(text)[-2].split()[2:4])
    expect(a2 > 0.0 and b2 != 0.0, f"--platt-intercept fits b as well ({a2}, {b2})")


def test_trained_model_matches_unseen_persons():
    trained()
    proc = evaluate("--model", "model.txt", "--json", "e.json")
    figures = read_json("e.json")["at_threshold"]
    expect(figures["precision"] >= 0.95, f"precision {figures['precision']}")
    expect(figures["recall"] >= 0.9, f"recall {figures['recall']}")
    expect(b"### At the threshold" in proc.stdout, "the report goes to stdout")


def test_train_is_deterministic_whatever_the_threads():
    accounts, persons, truth = world(1, "T")
    one = train(accounts, persons, truth, "one.txt", "-j", "1")
    three = train(accounts, persons, truth, "three.txt", "-j", "3")
    again = train(accounts, persons, truth, "again.txt", "-j", "3")
    expect(one == three == again, "the same input gives the same model, byte for byte")


def test_train_options_shape_the_model():
    accounts, persons, truth = world(1, "T")
    plain = train(accounts, persons, truth, "plain.txt", "--holdout", "0")
    expect_eq(model_lines(plain)[-2], "calibration platt 1 0", "no holdout, no calibration")
    strong = train(accounts, persons, truth, "strong.txt", "--lambda", "1",
                   "--threshold", "0.75")
    expect_eq(model_lines(strong)[2], "threshold 0.75", "threshold option")
    size = lambda text: sum(abs(float(line.split()[2])) for line in model_lines(text)
                            if line.startswith("weight "))
    expect(size(strong) < size(plain), "a larger lambda gives smaller weights")


def test_train_pairs_file():
    accounts, persons, truth = world(1, "T")
    train(accounts, persons, truth, "m.txt", "--pairs", "pairs.csv")
    with open("pairs.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expect(rows, "pairs written")
    expect_eq(list(rows[0])[:4], ["person_id", "account_id", "fold", "right"], "pairs header")
    expect(set(r["fold"] for r in rows) == {"fit", "calibration"}, "both folds present")
    with open(truth, encoding="utf-8", newline="") as f:
        want = {t["person_id"]: t["account_id"] for t in csv.DictReader(f)}
    right = {}
    for r in rows:
        if r["right"] == "1":
            expect(r["person_id"] not in right, f"{r['person_id']}: one right candidate at most")
            expect_eq(r["account_id"], want[r["person_id"]], f"{r['person_id']} right account")
            right[r["person_id"]] = r["account_id"]
    expect(not any(p.startswith("T") and want[p] == "" for p in right), "strangers have none")
    folds = {}
    for r in rows:
        expect(folds.setdefault(r["person_id"], r["fold"]) == r["fold"], "one fold per person")


def test_train_usage_and_input_errors():
    accounts, persons, truth = world(1, "T")
    base = ["train", "-a", accounts, "-p", persons, "-o", "m.txt"]
    expect_rc(l2a(*base), EXIT_USAGE, "no --truth")
    expect_rc(l2a(*base, "--truth", truth, "--lambda", "-1"), EXIT_USAGE, "negative lambda")
    expect_rc(l2a(*base, "--truth", truth, "--holdout", "95"), EXIT_USAGE, "holdout too large")
    expect_rc(l2a(*base, "--truth", truth, "--model-version", "two words"), EXIT_USAGE,
              "version with a space")
    expect_rc(l2a(*base, "--truth", "missing.csv"), EXIT_INPUT, "missing truth file")
    with open(truth, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open("dup.csv", "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:3] + [lines[2]] + lines[3:]))
    proc = l2a(*base, "--truth", "dup.csv")
    expect_rc(proc, EXIT_INPUT, "a person twice in the truth")
    expect(b"listed twice" in proc.stderr, "says which person is repeated")
    expect(not os.path.exists("m.txt"), "no model written on failure")
    write_csv("nobody.csv", ["person_id", "account_id"], [{"person_id": "Z1", "account_id": ""}])
    expect_rc(l2a(*base, "--truth", "nobody.csv", "-q"), EXIT_INPUT, "no person to fit on")


# ---- the name evidence the model is trained on ----

def explain_features(accounts, company):
    """Feature values of each candidate of `l2a explain`: {account_id: {feature: value}}."""
    proc = l2a("explain", "-a", accounts, "--company", company, "-q")
    expect_rc(proc, EXIT_OK, f"explain {company!r}")
    features, current = {}, None
    for line in proc.stdout.decode("utf-8").split("\n"):
        words = line.split()
        if line.startswith("candidate ") and len(words) > 2:
            current = features.setdefault(words[2], {})
        elif current is not None and len(words) == 3 and words[0] != "feature":
            current[words[0]] = float(words[1])
    return features


def test_names_with_a_department_region_or_mistyped_legal_form():
    write_csv("a.csv", ["account_id", "name", "domains"], [
        {"account_id": "A1", "name": "Mustek Limited", "domains": "mustek.co.za"},
        {"account_id": "A2", "name": "Leonteq AG", "domains": "leonteq.com"},
        {"account_id": "A3", "name": "Acme Widgets Inc.", "domains": "acme.com"},
        {"account_id": "A4", "name": "University of Carolina - Aiken", "domains": "usca.edu"},
        {"account_id": "A5", "name": "University of Carolina", "domains": "uc.edu"},
        {"account_id": "A6", "name": "Bank of Lorem", "domains": "lorem.bank"},
    ])
    cases = [
        ("Acme Widgets - Marketing", "A3", 1.0), ("Acme Widgets (EMEA)", "A3", 1.0),
        ("Acme Widgets | Finance", "A3", 1.0), ("Acme Widgets North America", "A3", 1.0),
        ("Leonteq AG UK", "A2", 1.0), ("Mustek Limtied", "A1", 0.0),
        ("Mustek Corpration", "A1", 0.0), ("University of Carolina - Aiken (Germany)", "A4", 1.0),
        ("Bank of Lorem", "A6", 0.0),
    ]
    for company, account, head in cases:
        f = explain_features("a.csv", company)
        expect(account in f, f"{company!r}: {account} is a candidate")
        expect_eq(f[account]["name_exact"], 1.0, f"{company!r} is the name of {account}")
        expect_eq(f[account]["name_head"], head, f"{company!r}: name_head")
        expect_eq(f[account]["name_person_coverage"], 1.0, f"{company!r}: person coverage")
    f = explain_features("a.csv", "University of Carolina - Aiken")
    expect_eq(f["A4"]["name_head"], 0.0, "the whole name matches A4")
    expect_eq(f["A5"]["name_head"], 1.0, "only the head matches A5")


# ---- eval ----

def test_eval_figures_add_up():
    evaluate("--baselines", "--json", "e.json", "-o", "report.md")
    doc = read_json("e.json")
    c = doc["at_threshold"]
    expect_eq(c["precision"], c["right"] / (c["right"] + c["wrong"]), "precision")
    expect_eq(c["recall"], c["right"] / c["with_account"], "recall")
    expect(abs(c["f1"] - 2 * c["precision"] * c["recall"] / (c["precision"] + c["recall"]))
           < 1e-12, "F1")
    expect_eq(c["missed"], c["with_account"] - c["right"], "missed")
    counts = doc["counts"]
    expect_eq(counts["scored"], c["persons"], "scored persons")
    expect_eq(counts["account_persons"], 3, "account persons")
    expect_eq(counts["account_persons_skipped"], 3, "account persons skipped")
    expect_eq(counts["anonymous_recognised"], 3, "anonymous persons")
    expect_eq(counts["matched"] + counts["ambiguous"] + counts["below_threshold"]
              + counts["no_candidate"], counts["scored"], "decisions add up")
    expect_eq(counts["matched"], c["right"] + c["wrong"], "matched")
    cal = doc["calibration"]
    expect_eq(sum(b["count"] for b in cal["bins"]), cal["persons"], "bins hold every candidate")
    ece = sum(abs(b["fraction_right"] - b["mean_score"]) * b["count"]
              for b in cal["bins"] if b["count"]) / cal["persons"]
    expect(abs(ece - cal["ece"]) < 1e-9, f"ECE {cal['ece']} is the weighted gap {ece}")
    thresholds = doc["thresholds"]
    expect_eq(len(thresholds), 101, "thresholds 0 to 1 by 0.01")
    matched = [t["matched"] for t in thresholds]
    expect(all(a >= b for a, b in zip(matched, matched[1:])), "fewer matches as the bar rises")
    at = thresholds[round(doc["model"]["threshold"] * 100)]
    expect_eq(at["matched"], counts["matched"], "the curve agrees with the decisions")
    recipes = doc["per_recipe"]
    expect_eq(sorted(recipes), sorted(["domain", "domain_and_name", "name", "typo", "website",
                                       "stranger", "stranger_domain", "freemail_only"]),
              "categories (skipped and anonymous rows are checked apart)")
    expect_eq(sum(r["libl2a"]["right"] for r in recipes.values()), c["right"], "per category")
    target = doc["target"]
    if target["lowest_threshold"] is not None:
        expect(thresholds[round(target["lowest_threshold"] * 100)]["precision"] >= 0.99,
               "the target threshold reaches the target")
    report = open("report.md", encoding="utf-8").read()
    for heading in ("### At the threshold", "### Calibration", "### Across thresholds",
                    "### Per category (recipe)", "baseline: domain only"):
        expect(heading in report, f"report has {heading!r}")


def test_eval_baselines():
    # Hand-checked decisions of the three baselines.
    write_csv("a.csv", ["account_id", "name", "domains", "website"], [
        {"account_id": "A1", "name": "Acme Widgets Inc.", "domains": "acme.com"},
        {"account_id": "A2", "name": "Globex Corporation", "website": "https://globex.io"},
        {"account_id": "A3", "name": "Mail Company", "domains": "gmail.com"},
        {"account_id": "A4", "name": "Initech", "domains": "initech.de"},
        {"account_id": "A0", "name": "Initech", "domains": "initech-old.de"},
    ])
    rows = [
        ("P1", "A1", {"email": "a@sales.acme.com"}),                 # domain: A1
        ("P2", "A2", {"company_website": "http://www.globex.io/x"}),  # domain: A2 (website)
        ("P3", "A3", {"email": "b@gmail.com"}),                      # free mail: no domain match
        ("P4", "A1", {"company_name": "ACME Widgets"}),              # name: A1
        ("P5", "A4", {"company_name": "Initech GmbH"}),              # name: A0 (lowest id), wrong
        ("P6", "A2", {"company_name": "Globex Corporatoin"}),        # trigram only: A2
        ("P7", "", {"company_name": "Zebra Yak"}),                   # nothing
    ]
    write_csv("p.csv", PERSON_COLUMNS, [{"person_id": p, **f} for p, _, f in rows])
    write_csv("t.csv", ["person_id", "account_id"], [{"person_id": p, "account_id": a}
                                                     for p, a, _ in rows])
    proc = l2a("eval", "-a", "a.csv", "-p", "p.csv", "--truth", "t.csv", "--baselines",
               "--json", "e.json", "-q", "-o", "r.md")
    expect_rc(proc, EXIT_OK, "eval")
    b = read_json("e.json")["baselines"]
    pick = lambda c: (c["right"], c["wrong"])
    expect_eq(pick(b["domain"]), (2, 0), "domain only: P1, P2")
    expect_eq(pick(b["name"]), (1, 1), "exact name: P4 right, P5 to the lowest id")
    expect_eq(pick(b["domain_else_trigram"])[0], 4, "domain, else trigram: P1, P2, P4, P6")
    expect_eq(read_json("e.json")["per_recipe"], None, "no recipe column, no categories")
    expect("Per category" not in open("r.md", encoding="utf-8").read(), "no category table")


def svg_root(path):
    root = ET.parse(path).getroot()
    expect_eq(root.tag, SVG + "svg", f"{path} is an SVG document")
    expect(root.get("width") and root.get("viewBox"), f"{path} has a size")
    return root


def test_eval_plots():
    evaluate("--baselines", "--json", "e.json", "--reliability-svg", "rel.svg",
             "--pr-svg", "pr.svg", "-o", "r.md")
    doc = read_json("e.json")
    root = svg_root("rel.svg")
    texts = [t.text for t in root.iter(SVG + "text")]
    for b in doc["calibration"]["bins"]:
        if b["count"]:
            expect(str(b["count"]) in texts, f"the count {b['count']} of a bin is shown")
    dots = [c for c in root.iter(SVG + "circle")]
    expect_eq(len(dots), sum(1 for b in doc["calibration"]["bins"] if b["count"]) + 1,
              "a dot per non-empty bin, and one in the legend")
    root = svg_root("pr.svg")
    lines = list(root.iter(SVG + "polyline"))
    expect_eq(len(lines), 1, "one curve")
    expect(len(lines[0].get("points").split()) >= 2, "the curve has points")
    labels = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    for name in ("libl2a", "domain only", "exact normalized name", "trigram"):
        expect(name in labels, f"the plot names {name}")


def test_eval_is_deterministic_whatever_the_threads():
    outs = []
    for n in ("1", "3"):
        evaluate("--baselines", "-j", n, "--json", f"e{n}.json", "--reliability-svg",
                 f"r{n}.svg", "--pr-svg", f"p{n}.svg", "-o", f"m{n}.md")
        outs.append([open(f"{kind}{n}.{ext}", "rb").read()
                     for kind, ext in (("e", "json"), ("r", "svg"), ("p", "svg"), ("m", "md"))])
    expect(outs[0] == outs[1], "the same figures, byte for byte")


def test_eval_required_targets():
    trained()
    evaluate("--model", "model.txt", "--json", "e.json", "-o", "r.md")
    c = read_json("e.json")["at_threshold"]
    evaluate("--model", "model.txt", "--require-precision", "0.5", "--require-recall", "0.5",
             "--require-ece", "0.5", "-o", "r.md")
    evaluate("--model", "model.txt", "--baselines", "--json", "b.json", "-o", "r.md")
    doc = read_json("b.json")
    beats = all(doc["at_threshold"]["f1"] > b["f1"] for b in doc["baselines"].values())
    evaluate("--model", "model.txt", "--require-beat-baselines", "-o", "r.md",
             rc=EXIT_OK if beats else EXIT_TARGET_MISSED)
    proc = evaluate("--model", "model.txt", "--require-recall", "1", "-o", "r.md",
                    rc=EXIT_TARGET_MISSED if c["recall"] < 1 else EXIT_OK)
    if c["recall"] < 1:
        expect(b"recall" in proc.stderr, "says which target was missed")
    evaluate("--require-ece", "0", "-o", "r.md", rc=EXIT_TARGET_MISSED)
    expect(os.path.exists("r.md"), "the report is written even when a target is missed")


def test_eval_threshold_option_and_model():
    trained()
    evaluate("--model", "model.txt", "--threshold", "0.9", "--json", "e.json", "-o", "r.md")
    model = read_json("e.json")["model"]
    expect_eq(model["version"], "test-model-7", "model version")
    expect_eq(model["threshold"], 0.9, "threshold")


def test_eval_target_thresholds():
    trained()
    evaluate("--model", "model.txt", "--target-precision", "0.9", "--json", "all.json",
             "-o", "r.md")
    evaluate("--model", "model.txt", "--target-precision", "0.9", "--min-threshold", "0.6",
             "--json", "floor.json", "-o", "r.md")
    for name, floor in (("all.json", 0.0), ("floor.json", 0.6)):
        doc = read_json(name)
        target, curve = doc["target"], doc["thresholds"]
        expect_eq(target["min_threshold"], floor, "the floor is reported")
        reaching = [p for p in curve if p["threshold"] >= floor - 1e-9 and p["threshold"] > 0
                    and p["precision"] is not None and p["precision"] >= 0.9]
        if not reaching:
            expect_eq(target["best_f1_threshold"], None, "no threshold reaches the target")
            continue
        expect_eq(target["lowest_threshold"], reaching[0]["threshold"], "lowest threshold")
        best = max(p["f1"] for p in reaching)
        expect_eq(target["best_f1_threshold"],
                  next(p["threshold"] for p in reaching if p["f1"] == best), "best F1 threshold")


def test_eval_leaves_out_persons_without_truth():
    accounts, persons, truth = world(2, "E")
    with open(truth, encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    with open("short.csv", "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:-5]) + "\n")
    proc = l2a("eval", "-a", accounts, "-p", persons, "--truth", "short.csv", "--json",
               "e.json", "-o", "r.md")
    expect_rc(proc, EXIT_OK, "eval")
    expect(b"5 persons are not in" in proc.stderr, "warns about persons without truth")
    doc = read_json("e.json")
    expect_eq(doc["counts"]["persons_left_out"], 5, "left out")


def test_eval_usage_errors():
    accounts, persons, truth = world(2, "E")
    expect_rc(l2a("eval", "-a", accounts, "-p", persons), EXIT_USAGE, "no --truth")
    expect_rc(l2a("eval", "-a", accounts, "-p", persons, "--truth", truth,
                  "--target-precision", "2"), EXIT_USAGE, "target above 1")
    expect_rc(l2a("eval", "-a", accounts, "-p", persons, "--truth", truth, "--json", "-"),
              EXIT_USAGE, "JSON to stdout")
    expect_rc(l2a("eval", "-a", accounts, "-p", persons, "--truth", truth, "--bogus"),
              EXIT_USAGE, "unknown option")
    proc = l2a("eval", "--help")
    expect_rc(proc, EXIT_OK, "--help")
    expect(b"--target-precision" in proc.stdout, "help lists the options")
    expect(b"train" in l2a("--help").stdout, "the command list names train")


if __name__ == "__main__":
    main([test_train_writes_a_model_the_library_loads, test_train_learns_the_evidence,
          test_trained_model_matches_unseen_persons,
          test_train_is_deterministic_whatever_the_threads, test_train_options_shape_the_model,
          test_train_pairs_file, test_train_usage_and_input_errors,
          test_names_with_a_department_region_or_mistyped_legal_form, test_eval_figures_add_up,
          test_eval_baselines, test_eval_plots, test_eval_is_deterministic_whatever_the_threads,
          test_eval_required_targets, test_eval_threshold_option_and_model,
          test_eval_target_thresholds,
          test_eval_leaves_out_persons_without_truth, test_eval_usage_errors])
