//! Checks a parameter file or a region pack as written, before it is turned into data: every
//! problem is reported as `path:line: what is wrong`, so that a bad edit fails `cargo build` at
//! the line to fix (SPEC §10). Included by `build.rs` and, for its tests, by the library.
//!
//! The loader (`src/params/load.rs`) checks the same file again when the store is first used,
//! and what only it can check (a local figure's level) is checked by the test suite.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use toml::Value;

/// The parameter ids the code declares (`src/params/ids.rs`), with the shape of their values.
pub struct Known {
    /// National ids → kind (`Decimal`, `Flag`, `Schedule`, `Band`, `Table`).
    pub national: BTreeMap<String, String>,
    /// Roles of the local figures (`deed_tax.rate`) → kind.
    pub local: BTreeMap<String, String>,
}

impl Known {
    /// Reads the `param_ids!` table of `ids.rs`: lines `Variant = "id": Kind,`.
    pub fn from_ids_rs(text: &str) -> Known {
        let mut known = Known {
            national: BTreeMap::new(),
            local: BTreeMap::new(),
        };
        for line in text.lines() {
            let Some((_, rest)) = line.split_once("= \"") else {
                continue;
            };
            let Some((id, rest)) = rest.split_once("\": ") else {
                continue;
            };
            let kind = rest.trim().trim_end_matches(',').to_string();
            if !["Decimal", "Flag", "Schedule", "Band", "Table"].contains(&kind.as_str()) {
                continue;
            }
            match id.split_once('.') {
                Some(("national", _)) => {
                    known.national.insert(id.to_string(), kind);
                }
                Some((_, role)) => {
                    known.local.insert(role.to_string(), kind);
                }
                None => {}
            }
        }
        known
    }
}

/// The fields of a dated value (`[[parameter.values]]`).
pub const VALUE_FIELDS: [&str; 15] = [
    "from",
    "to",
    "value",
    "flag",
    "schedule",
    "band",
    "table",
    "confidence",
    "document",
    "title_en",
    "article",
    "article_en",
    "published",
    "url",
    "url_note",
];

/// Which file is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `data/parameters.toml`: national ids and the generic ids of local figures.
    National,
    /// `data/regions/*.toml`: a `[region]` table and `prefix.role` ids.
    Pack,
}

/// The line (1-based) of each `[[parameter]]` and `[[parameter.values]]` header, in order.
struct Lines<'a> {
    text: Vec<&'a str>,
    series: Vec<(usize, Vec<usize>)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let text: Vec<&str> = text.lines().collect();
        let mut series: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, l) in text.iter().enumerate() {
            match l.trim() {
                "[[parameter]]" => series.push((i + 1, Vec::new())),
                "[[parameter.values]]" => {
                    if let Some(s) = series.last_mut() {
                        s.1.push(i + 1);
                    }
                }
                _ => {}
            }
        }
        Lines { text, series }
    }

    /// The line of `key = …` in the table starting at `header` (the header's line if absent).
    fn key(&self, header: usize, key: &str) -> usize {
        for (i, l) in self.text.iter().enumerate().skip(header) {
            let t = l.trim_start();
            if t.starts_with('[') {
                break;
            }
            if t.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
            {
                return i + 1;
            }
        }
        header
    }

    fn series(&self, i: usize) -> usize {
        self.series.get(i).map_or(1, |s| s.0)
    }

    fn value(&self, i: usize, j: usize) -> usize {
        self.series
            .get(i)
            .and_then(|s| s.1.get(j).copied())
            .unwrap_or_else(|| self.series(i))
    }
}

/// Checks one file; every problem as `path:line: message`.
pub fn check(path: &str, text: &str, kind: FileKind, known: &Known) -> Vec<String> {
    let mut errors = Vec::new();
    let doc: Value = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => return vec![format!("{path}: not valid TOML: {e}")],
    };
    let lines = Lines::new(text);
    let mut err = |line: usize, msg: String| errors.push(format!("{path}:{line}: {msg}"));
    let top_keys: &[&str] = match kind {
        FileKind::National => &["parameter"],
        FileKind::Pack => &["region", "parameter"],
    };
    for k in doc.as_table().into_iter().flat_map(|t| t.keys()) {
        if !top_keys.contains(&k.as_str()) {
            err(1, format!("unknown top-level key `{k}`"));
        }
    }
    let prefix = if kind == FileKind::Pack {
        check_region(&doc, text, &mut err)
    } else {
        None
    };
    let empty = Vec::new();
    let series = doc
        .get("parameter")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in series.iter().enumerate() {
        let at = lines.series(i);
        let Some(id) = p.get("id").and_then(Value::as_str) else {
            err(at, "a [[parameter]] needs an `id`".into());
            continue;
        };
        let id_line = lines.key(at, "id");
        if let Some(first) = seen.insert(id.to_string(), id_line) {
            err(
                id_line,
                format!("`{id}` is defined twice (first on line {first})"),
            );
        }
        let (param_kind, local) = match (kind, id.split_once('.')) {
            (FileKind::National, Some(("national", _))) => (known.national.get(id), false),
            (FileKind::National, Some((level, role)))
                if ["province", "city", "district"].contains(&level) =>
            {
                (known.local.get(role), true)
            }
            (FileKind::Pack, Some((p, role))) if Some(p) == prefix.as_deref() => {
                (known.local.get(role), true)
            }
            (FileKind::Pack, _) => {
                err(
                    id_line,
                    format!(
                        "`{id}`: a pack's ids are its prefix `{}` and the role of a local figure",
                        prefix.as_deref().unwrap_or("?")
                    ),
                );
                continue;
            }
            _ => (None, false),
        };
        let Some(param_kind) = param_kind else {
            err(id_line, format!("unknown parameter id `{id}`"));
            continue;
        };
        for k in p.as_table().into_iter().flat_map(|t| t.keys()) {
            if !["id", "label_zh", "label_en", "unit", "admissible", "values"].contains(&k.as_str())
            {
                err(lines.key(at, k), format!("`{id}`: unknown field `{k}`"));
            }
        }
        for k in ["label_zh", "label_en", "unit"] {
            if p.get(k)
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty())
            {
                err(at, format!("`{id}`: `{k}` is missing"));
            }
        }
        let bounds = admissible(p, param_kind, id, lines.key(at, "admissible"), &mut err);
        let values = p.get("values").and_then(Value::as_array).unwrap_or(&empty);
        if values.is_empty() && !(local && kind == FileKind::National) {
            err(at, format!("`{id}` has no values"));
        }
        let mut windows: Vec<(String, Option<String>, usize)> = Vec::new();
        for (j, v) in values.iter().enumerate() {
            let vat = lines.value(i, j);
            if let Some(w) = value(v, id, param_kind, &bounds, vat, &lines, &mut err) {
                windows.push((w.0, w.1, vat));
            }
        }
        windows.sort();
        for pair in windows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.1.as_ref().is_none_or(|to| *to >= b.0) {
                err(
                    b.2,
                    format!(
                        "`{id}`: the window starting {} overlaps the one starting {} (line {})",
                        b.0, a.0, a.2
                    ),
                );
            }
        }
    }
    if kind == FileKind::National {
        for id in known.national.keys() {
            if !seen.contains_key(id) {
                err(1, format!("`{id}` is missing"));
            }
        }
        for role in known.local.keys() {
            if !seen
                .keys()
                .any(|k| k.split_once('.').is_some_and(|(_, r)| r == role))
            {
                err(
                    1,
                    format!("the local figure `…{role}` has no generic series"),
                );
            }
        }
    }
    errors
}

/// Checks `[region]`; the pack's prefix.
fn check_region(doc: &Value, text: &str, err: &mut impl FnMut(usize, String)) -> Option<String> {
    let line = text
        .lines()
        .position(|l| l.trim() == "[region]")
        .map_or(1, |i| i + 1);
    let Some(r) = doc.get("region").and_then(Value::as_table) else {
        err(1, "a region pack needs a [region] table".into());
        return None;
    };
    for k in r.keys() {
        if !["code", "name_zh", "name_en", "prefix"].contains(&k.as_str()) {
            err(line, format!("[region]: unknown field `{k}`"));
        }
    }
    let code = r.get("code").and_then(Value::as_str).unwrap_or("");
    let ok = code.len() == 6
        && code.bytes().all(|b| b.is_ascii_digit())
        && ("110000"..="829999").contains(&code);
    if !ok {
        err(
            line,
            format!("[region]: `code` \"{code}\" is not a 6-digit administrative division code"),
        );
    }
    for k in ["name_zh", "name_en"] {
        if r.get(k)
            .and_then(Value::as_str)
            .is_none_or(|s| s.trim().is_empty())
        {
            err(line, format!("[region]: `{k}` is missing"));
        }
    }
    let prefix = r.get("prefix").and_then(Value::as_str).unwrap_or("");
    if prefix.is_empty()
        || ["national", "province", "city", "district"].contains(&prefix)
        || !prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        err(line, format!("[region]: `prefix` \"{prefix}\": lower-case letters, digits and _, not a level name"));
        return None;
    }
    Some(prefix.to_string())
}

/// The admissible bounds of a series (min, max, integer, length).
type Bounds = (Option<Decimal>, Option<Decimal>, bool, Option<usize>);

fn admissible(
    p: &Value,
    kind: &str,
    id: &str,
    line: usize,
    err: &mut impl FnMut(usize, String),
) -> Bounds {
    let Some(a) = p.get("admissible") else {
        if kind != "Flag" {
            err(
                line,
                format!("`{id}` needs `admissible` (min, max, integer, length)"),
            );
        }
        return (None, None, false, None);
    };
    for k in a.as_table().into_iter().flat_map(|t| t.keys()) {
        if !["min", "max", "integer", "length"].contains(&k.as_str()) {
            err(line, format!("`{id}`: unknown field `{k}` in `admissible`"));
        }
    }
    let mut dec = |k: &str| {
        let s = a.get(k)?.as_str().unwrap_or("?");
        let d = Decimal::from_str(s).ok();
        if d.is_none() {
            err(
                line,
                format!("`{id}` admissible `{k}`: `{s}` is not a decimal number"),
            );
        }
        d
    };
    let (min, max) = (dec("min"), dec("max"));
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            err(line, format!("`{id}` admissible: min above max"));
        }
    }
    let length = a
        .get("length")
        .and_then(Value::as_integer)
        .and_then(|n| usize::try_from(n).ok());
    (
        min,
        max,
        a.get("integer").and_then(Value::as_bool).unwrap_or(false),
        length,
    )
}

/// A `YYYY-MM-DD` date that exists.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Checks one dated value; its window when it has one.
fn value(
    v: &Value,
    id: &str,
    kind: &str,
    bounds: &Bounds,
    at: usize,
    lines: &Lines<'_>,
    err: &mut impl FnMut(usize, String),
) -> Option<(String, Option<String>)> {
    for k in v.as_table().into_iter().flat_map(|t| t.keys()) {
        if !VALUE_FIELDS.contains(&k.as_str()) {
            err(lines.key(at, k), format!("`{id}`: unknown field `{k}`"));
        }
    }
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let from = s("from");
    if !from.is_some_and(is_date) {
        err(
            lines.key(at, "from"),
            format!("`{id}`: `from` must be a date YYYY-MM-DD"),
        );
    }
    let to = s("to");
    if to.is_some_and(|t| !is_date(t)) {
        err(
            lines.key(at, "to"),
            format!("`{id}`: `to` must be a date YYYY-MM-DD"),
        );
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            err(
                lines.key(at, "to"),
                format!("`{id}`: `to` is before `from`"),
            );
        }
    }
    for k in ["document", "article"] {
        if s(k).is_none_or(|x| x.trim().is_empty()) {
            err(
                at,
                format!("`{id}`: a value needs a citation (`document` and `article`)"),
            );
            break;
        }
    }
    let url = s("url").filter(|x| !x.trim().is_empty());
    if url.is_none() && s("url_note").is_none_or(|x| x.trim().is_empty()) {
        err(
            at,
            format!(
                "`{id}`: a value needs `url` (where the cited text is published) or `url_note` \
                 (why there is none)"
            ),
        );
    }
    if url.is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
        err(
            lines.key(at, "url"),
            format!("`{id}`: `url` must be a web address starting with https:// or http://"),
        );
    }
    if !s("confidence").is_some_and(|c| ["verified", "secondary", "unverified"].contains(&c)) {
        err(
            lines.key(at, "confidence"),
            format!("`{id}`: `confidence` must be verified, secondary or unverified"),
        );
    }
    let given: Vec<&str> = ["value", "flag", "schedule", "band", "table"]
        .into_iter()
        .filter(|k| v.get(*k).is_some())
        .collect();
    let expected = match kind {
        "Decimal" => "value",
        "Flag" => "flag",
        "Schedule" => "schedule",
        "Band" => "band",
        _ => "table",
    };
    if given != [expected] {
        err(
            at,
            format!("`{id}`: give exactly one `{expected}` (this parameter is a {kind})"),
        );
        return from.map(|f| (f.to_string(), to.map(str::to_string)));
    }
    let vline = lines.key(at, expected);
    let figure = |x: Option<&str>, what: &str, err: &mut dyn FnMut(usize, String)| {
        let Some(d) = x.and_then(|x| Decimal::from_str(x).ok()) else {
            err(
                vline,
                format!(
                    "`{id}`: {what} `{}` is not a decimal number",
                    x.unwrap_or("?")
                ),
            );
            return;
        };
        let (min, max, integer, _) = bounds;
        if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) {
            err(
                vline,
                format!("`{id}`: {what} {d} is outside the admissible values"),
            );
        }
        if *integer && !d.fract().is_zero() {
            err(vline, format!("`{id}`: {what} {d} must be a whole number"));
        }
    };
    fn item(x: &Value) -> Option<&str> {
        x.as_str()
    }
    match expected {
        "value" => figure(s("value"), "the value", err),
        "flag" => {
            if v.get("flag").and_then(Value::as_bool).is_none() {
                err(vline, format!("`{id}`: `flag` must be true or false"));
            }
        }
        "band" => {
            let b = v.get("band");
            figure(
                b.and_then(|b| b.get("min")).and_then(item),
                "the band's min",
                err,
            );
            figure(
                b.and_then(|b| b.get("max")).and_then(item),
                "the band's max",
                err,
            );
        }
        "table" => {
            let cells = v
                .get("table")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if bounds.3.is_some_and(|n| n != cells.len()) {
                err(
                    vline,
                    format!("`{id}`: the table needs {} cells", bounds.3.unwrap_or(0)),
                );
            }
            for c in &cells {
                figure(item(c), "a table cell", err);
            }
        }
        _ => {
            let brackets = v
                .get("schedule")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if brackets.is_empty() {
                err(
                    vline,
                    format!("`{id}`: a schedule needs at least one bracket"),
                );
            }
            for b in &brackets {
                figure(b.get("rate").and_then(item), "a bracket's rate", err);
            }
        }
    }
    from.map(|f| (f.to_string(), to.map(str::to_string)))
}

/// Checks the built-in files under `root` (the crate's directory); every problem.
pub fn check_all(root: &std::path::Path) -> Vec<String> {
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default();
    let known = Known::from_ids_rs(&read(&root.join("src/params/ids.rs")));
    let mut errors = check(
        "calc-core/data/parameters.toml",
        &read(&root.join("data/parameters.toml")),
        FileKind::National,
        &known,
    );
    let mut packs: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("data/regions"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    packs.retain(|f| f.extension().is_some_and(|x| x == "toml"));
    packs.sort();
    for p in packs {
        let name = format!(
            "calc-core/data/regions/{}",
            p.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        errors.extend(check(&name, &read(&p), FileKind::Pack, &known));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> &'static std::path::Path {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    fn known() -> Known {
        Known::from_ids_rs(&std::fs::read_to_string(root().join("src/params/ids.rs")).unwrap())
    }

    fn national() -> String {
        std::fs::read_to_string(root().join("data/parameters.toml")).unwrap()
    }

    fn errors_after(edit: impl Fn(&str) -> String) -> Vec<String> {
        let text = national();
        let changed = edit(&text);
        assert_ne!(changed, text, "the test must change the file");
        check("p.toml", &changed, FileKind::National, &known())
    }

    #[test]
    fn the_built_in_files_pass() {
        assert_eq!(check_all(root()), Vec::<String>::new());
        let k = known();
        assert!(
            k.national.len() > 30 && k.local.len() == 8,
            "{}",
            k.local.len()
        );
    }

    #[test]
    fn a_value_outside_its_admissible_range_is_named_at_its_line() {
        let e = errors_after(|t| t.replacen("value = \"0.06\"", "value = \"6\"", 1));
        let line = national()
            .lines()
            .position(|l| l == "value = \"0.06\"")
            .unwrap()
            + 1;
        assert_eq!(
            e,
            [format!(
                "p.toml:{line}: `national.vat.general_rate`: the value 6 is outside the admissible values"
            )]
        );
    }

    #[test]
    fn each_kind_of_bad_edit_is_caught() {
        type Edit<'a> = &'a dyn Fn(&str) -> String;
        let cases: [(Edit, &str); 9] = [
            (
                &|t| t.replacen("from = \"2016-05-01\"", "from = \"2016-02-30\"", 1),
                "`from` must be a date",
            ),
            (
                &|t| t.replacen("confidence = \"unverified\"", "confidence = \"sure\"", 1),
                "`confidence` must be",
            ),
            (
                &|t| t.replacen("article = ", "articel = ", 1),
                "unknown field `articel`",
            ),
            (
                &|t| {
                    t.replacen(
                        "from = \"2020-03-01\"\nto = \"2022-03-31\"",
                        "from = \"2020-02-01\"\nto = \"2022-03-31\"",
                        1,
                    )
                },
                "overlaps",
            ),
            (
                &|t| t.replacen("id = \"national.cit.rate\"", "id = \"national.cit.rat\"", 1),
                "unknown parameter id `national.cit.rat`",
            ),
            (
                &|t| t.replacen("value = \"0.25\"", "flag = true", 1),
                "give exactly one `value`",
            ),
            (
                &|t| {
                    t.replacen(
                        "id = \"national.cit.rate\"",
                        "id = \"national.vat.general_rate\"",
                        1,
                    )
                },
                "defined twice",
            ),
            (
                &|t| {
                    t.replacen(
                        "url = \"http://anhui.chinatax.gov.cn/art/2019/9/30/art_8638_686854.html\"\n",
                        "",
                        1,
                    )
                },
                "needs `url`",
            ),
            (
                &|t| t.replacen("url = \"https://", "url = \"www.", 1),
                "must be a web address",
            ),
        ];
        for (i, (edit, expect)) in cases.iter().enumerate() {
            let e = errors_after(edit);
            assert!(e.iter().any(|m| m.contains(expect)), "case {i}: {e:?}");
            assert!(e.iter().all(|m| m.starts_with("p.toml:")), "{e:?}");
        }
    }

    #[test]
    fn a_bad_pack_is_named_at_its_line() {
        let text =
            std::fs::read_to_string(root().join("data/regions/530100-kunming.toml")).unwrap();
        let bad = text.replacen("id = \"kunming.", "id = \"kunmin.", 1);
        let e = check("k.toml", &bad, FileKind::Pack, &known());
        assert!(e.iter().any(|m| m.contains("prefix `kunming`")), "{e:?}");
        let bad = text.replacen("table = [\"70\", ", "table = [", 1);
        let e = check("k.toml", &bad, FileKind::Pack, &known());
        assert!(e.iter().any(|m| m.contains("needs 4 cells")), "{e:?}");
        let bad = text.replacen("code = \"530100\"", "code = \"5301\"", 1);
        let e = check("k.toml", &bad, FileKind::Pack, &known());
        assert!(
            e.iter()
                .any(|m| m.starts_with("k.toml:") && m.contains("code")),
            "{e:?}"
        );
    }
}
