#!/usr/bin/env python3
"""Writes fixtures/hostile/: files that lost or invented rows in earlier readers, and
expected.json, what each must give through every reader (library, `tuoyu batch`, the browser).

Every row is the same small claim that matches (2026, general VAT payer, R = 1,060,000 claimed as
VAT-exempt sales), so a row read right gives `match` and a row read wrong shows. Run it from the
repository root.
"""
import json, os

D = os.path.join("fixtures", "hostile")
HEAD = ["id", "year", "facility_name", "legal_form", "community_based", "service_modes",
        "filed_with_health_commission", "vat", "childcare_revenue", "claimed_vat_exempt_sales"]


def row(i, name="晋宁托育"):
    return [f"h-{i}", "2026", name, "enterprise", "true", "full_day;hourly", "true", "general",
            "1060000", "1060000.00"]


def csv_line(cells):
    out = []
    for c in cells:
        if any(ch in c for ch in ',"\n\r'):
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    return ",".join(out)


def claim(i):
    return {"schema": "tuoyu.claim.v1", "id": f"h-{i}",
            "request": {"schema": "tuoyu.request.v1", "year": 2026,
                        "facility": {"name": "晋宁托育", "legal_form": "enterprise",
                                     "community_based": True,
                                     "service_modes": ["full_day", "hourly"],
                                     "filed_with_health_commission": True},
                        "taxpayer": {"vat": "general"},
                        "revenue": {"childcare": "1060000"}},
            "claimed": {"vat_exempt_sales": "1060000.00"}}


cases = []


def case(file, data, what, lines, invalid=(), readers=None):
    with open(os.path.join(D, file), "wb") as f:
        f.write(data)
    c = {"file": file, "what": what, "reports": sum(b - a + 1 for a, b in lines),
         "lines": lines, "invalid": list(invalid), "others": "match"}
    if readers:
        c["readers"] = readers
    cases.append(c)


# 1. CR-only line ends (classic Mac, some exports): 1,000 rows in, 0 out before.
rows = [csv_line(HEAD)] + [csv_line(row(i)) for i in range(1, 1001)]
case("cr-only-line-ends.csv", ("\r".join(rows) + "\r").encode(),
     "1,000 rows with CR-only line ends", [[2, 1001]])

# 2. An unclosed quote on line 4: every row after it was swallowed before.
rows = [csv_line(HEAD)] + [csv_line(row(i)) for i in range(1, 11)]
rows[3] = rows[3].replace(",晋宁托育,", ',"晋宁托育,', 1)
case("unclosed-quote.csv", ("\n".join(rows) + "\n").encode(),
     "10 rows; the quote opened in facility_name on line 4 never closes",
     [[2, 11]], [{"line": 4, "path": "facility_name", "en_contains": "never closed"}])

# 3. The same, on the last line (the input ends inside the quote).
rows = [csv_line(HEAD)] + [csv_line(row(i)) for i in range(1, 6)]
rows[5] = rows[5].replace(",晋宁托育,", ',"晋宁托育,', 1)
case("unclosed-quote-last-line.csv", ("\r\n".join(rows)).encode(),
     "5 rows, CRLF, no final line end; the last line's quote never closes",
     [[2, 6]], [{"line": 6, "path": "facility_name", "en_contains": "never closed"}])

# 4. A bare CR inside an unquoted cell of a CRLF file: a phantom extra row before.
rows = [csv_line(HEAD)] + [csv_line(row(i)) for i in range(1, 6)]
rows[3] = rows[3].replace(",晋宁托育,", ",晋宁\r托育,", 1)
case("bare-cr-in-cell.csv", ("\r\n".join(rows) + "\r\n").encode(),
     "5 rows, CRLF; line 4's facility_name holds a bare CR (a character, not a line end)",
     [[2, 6]])

# 5. A proper quoted cell over two lines, blank lines, a BOM: lines still count right.
rows = ([csv_line(HEAD)] + [csv_line(row(1)), csv_line(row(2, "晋宁\n托育")), "",
        csv_line(row(3)), "  ", csv_line(row(4))])
case("multiline-cell-blank-lines-bom.csv", ("\ufeff" + "\n".join(rows) + "\n").encode(),
     "BOM; line 3's facility_name spans two lines (quoted); blank lines 5 and 7 are skipped",
     [[2, 3], [6, 6], [8, 8]])

# 6. JSON Lines with a UTF-8 BOM: line 1 was invalid before.
lines = [json.dumps(claim(i), ensure_ascii=False) for i in range(1, 4)]
case("bom.jsonl", ("\ufeff" + "\n".join(lines) + "\n").encode(),
     "3 claims, the file opens with a UTF-8 byte-order mark", [[1, 3]])

# 7. GBK (Excel's "CSV" on Chinese Windows): the command line converts it; a reader without
#    the GBK tables (the browser page) refuses each row asking for CSV UTF-8, never garbles.
rows = [csv_line(HEAD)] + [csv_line(row(i)) for i in range(1, 6)]
case("gbk-excel.csv", ("\r\n".join(rows) + "\r\n").encode("gbk"),
     "5 rows saved as GBK with CRLF", [[2, 6]],
     readers={"library": {"invalid": [{"line": n, "path": "facility_name",
                                        "en_contains": "CSV UTF-8"} for n in range(2, 7)]}})

with open(os.path.join(D, "expected.json"), "w") as f:
    json.dump(cases, f, ensure_ascii=False, indent=1)
    f.write("\n")
