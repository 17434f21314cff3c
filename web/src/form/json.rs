//! A field's text as request JSON, and placing it in the request's tree by its path.

use super::*;

/// Whether the path pattern `pat` holds fields of the form (an object such as `facility`).
pub(super) fn is_container(pat: &str) -> bool {
    let prefix = format!("{pat}.");
    FIELDS.iter().any(|d| d.path.starts_with(&prefix))
}

/// A JSON scalar as the text a field shows (a string as it is, a number by its digits).
pub(super) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The JSON for a field's text; `None` leaves the field out of the request.
#[must_use]
pub fn to_json(kind: Kind, raw: &str) -> Option<Value> {
    let t = raw.trim();
    match kind {
        Check => Some(Value::Bool(t == "true")),
        Modes => Some(Value::Array(
            t.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )),
        _ if t.is_empty() => None,
        Flag => (t == "true").then_some(Value::Bool(true)),
        TriBool => match t {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => Some(Value::String(t.to_string())),
        },
        Int => Some(match parse_amount(t).ok().and_then(whole) {
            Some(n) => Value::from(n),
            None => Value::String(t.to_string()),
        }),
        Money | Amount => Some(Value::String(match parse_amount(t) {
            Ok(d) => d.to_string(),
            Err(_) => t.to_string(),
        })),
        Json => Some(serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string()))),
        Text | Choice(_) | Date => Some(Value::String(t.to_string())),
    }
}

/// `d` as a whole number, if it is one.
pub(super) fn whole(d: Decimal) -> Option<i64> {
    let n = d.normalize();
    if n.scale() != 0 {
        return None;
    }
    i64::try_from(n.mantissa()).ok()
}

/// What is wrong with the text of a numeric field of kind `kind`, in (zh, en), if anything.
#[must_use]
pub fn numeric_problem(kind: Kind, raw: &str) -> Option<(String, String)> {
    match parse_amount(raw) {
        Err(e) => Some((e.zh(), e.en())),
        Ok(d) if kind == Int && whole(d).is_none() => Some((
            "请填写整数，例如 12".to_string(),
            "enter a whole number, e.g. 12".to_string(),
        )),
        Ok(_) => None,
    }
}

pub(super) enum Seg<'a> {
    Key(&'a str),
    Idx(usize),
}

pub(super) fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let Some((n, tail)) = r.split_once(']') else {
                break;
            };
            out.push(Seg::Idx(n.parse().unwrap_or(0)));
            rest = tail;
        }
    }
    out
}

/// Places `v` at `path` in `root`, creating objects and arrays on the way.
pub fn set_path(root: &mut Value, path: &str, v: Value) {
    let segs = segments(path);
    let mut cur = root;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        let next_is_idx = matches!(segs.get(i + 1), Some(Seg::Idx(_)));
        let fresh = || {
            if next_is_idx {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        match seg {
            Seg::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(Map::new());
                }
                let Value::Object(m) = cur else { return };
                if last {
                    m.insert((*k).to_string(), v);
                    return;
                }
                let entry = m.entry((*k).to_string()).or_insert_with(fresh);
                if entry.is_null() {
                    *entry = fresh();
                }
                cur = entry;
            }
            Seg::Idx(n) => {
                if !cur.is_array() {
                    *cur = Value::Array(Vec::new());
                }
                let Value::Array(a) = cur else { return };
                while a.len() <= *n {
                    a.push(Value::Object(Map::new()));
                }
                if last {
                    a[*n] = v;
                    return;
                }
                cur = &mut a[*n];
            }
        }
    }
}

/// Copies into `dst` whatever of `src` it lacks (objects and arrays merged member by member).
pub fn merge_missing(dst: &mut Value, src: &Value) {
    match (dst, src) {
        (Value::Object(d), Value::Object(s)) => {
            for (k, v) in s {
                match d.get_mut(k) {
                    Some(x) => merge_missing(x, v),
                    None => {
                        d.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(d), Value::Array(s)) => {
            for (i, v) in s.iter().enumerate() {
                match d.get_mut(i) {
                    Some(x) => merge_missing(x, v),
                    None => d.push(v.clone()),
                }
            }
        }
        _ => {}
    }
}
