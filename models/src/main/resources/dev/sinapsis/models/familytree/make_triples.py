"""Derives triples.tsv, the 104 queries of Hinton's family-tree task, from family-trees.txt.

    python3 make_triples.py        (any Python 3; no packages needed)

Hinton (1986) trains on "triples" (person 1, relation, person 2) read off the two trees of his
Figure 1 with 12 relations. A query (person 1, relation) with two answers (Colin has two uncles)
is one input-output case whose target turns both people on, so the 112 facts make 104 cases,
the paper's 104 (the UCI "kinship" description says so too: 104 input-output vector pairs out of
24 x 12 = 288). The relations, as read off the trees:

  father, mother        the parents
  husband, wife         the spouse
  son, daughter         the children
  brother, sister       a child of the same parents
  uncle, aunt           a sibling of a parent, or the spouse of a sibling of a parent
  nephew, niece         a child of a sibling, or a child of the spouse's sibling

Output: a comment header, then "person<TAB>relation<TAB>answer[,answer]" lines in the order of
the people (family-trees.txt) and of RELATIONS.
"""
import os

RELATIONS = ["father", "mother", "husband", "wife", "son", "daughter",
             "uncle", "aunt", "brother", "sister", "nephew", "niece"]


def read_trees(path):
    people, sex, spouse, parents, kids = [], {}, {}, {}, {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if not f or f[0].startswith("#") or f[0] == "family":
            continue
        if f[0] == "person":
            people.append(f[1])
            sex[f[1]] = f[2]
        elif f[0] == "married":
            spouse[f[1]], spouse[f[2]] = f[2], f[1]
        elif f[0] == "children":
            father, mother, children = f[1], f[2], f[4:]
            kids[father] = kids[mother] = children
            for c in children:
                parents[c] = (father, mother)
        else:
            raise ValueError("unknown line: " + line)
    return people, sex, spouse, parents, kids


def relatives(p, people, sex, spouse, parents, kids):
    def siblings(q):
        return [c for c in kids[parents[q][0]] if c != q] if q in parents else []

    out = {"father": [], "mother": [], "husband": [], "wife": [], "son": [], "daughter": [],
           "uncle": [], "aunt": [], "brother": [], "sister": [], "nephew": [], "niece": []}
    if p in parents:
        out["father"].append(parents[p][0])
        out["mother"].append(parents[p][1])
    if p in spouse:
        out["husband" if sex[spouse[p]] == "m" else "wife"].append(spouse[p])
    for c in kids.get(p, []):
        out["son" if sex[c] == "m" else "daughter"].append(c)
    for s in siblings(p):
        out["brother" if sex[s] == "m" else "sister"].append(s)
    for parent in parents.get(p, ()):
        for s in siblings(parent):
            for u in [s] + ([spouse[s]] if s in spouse else []):
                out["uncle" if sex[u] == "m" else "aunt"].append(u)
    for q in [p] + ([spouse[p]] if p in spouse else []):
        for s in siblings(q):
            for c in kids.get(s, []):
                out["nephew" if sex[c] == "m" else "niece"].append(c)
    order = {name: i for i, name in enumerate(people)}
    return {r: sorted(set(v), key=order.get) for r, v in out.items()}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    trees = read_trees(os.path.join(here, "family-trees.txt"))
    rows = []
    for p in trees[0]:
        rel = relatives(p, *trees)
        for r in RELATIONS:
            if rel[r]:
                rows.append("%s\t%s\t%s" % (p, r, ",".join(rel[r])))
    facts = sum(len(row.split("\t")[2].split(",")) for row in rows)
    with open(os.path.join(here, "triples.tsv"), "w", encoding="utf-8") as f:
        f.write("# Hinton's family-tree task: %d queries (%d facts) derived by make_triples.py from\n"
                "# family-trees.txt (Hinton 1986, Figure 1). person<TAB>relation<TAB>answers\n" % (len(rows), facts))
        f.write("\n".join(rows) + "\n")
    print("wrote %d queries, %d facts" % (len(rows), facts))


if __name__ == "__main__":
    main()
