//! The field path of a parse error is recovered from serde_json's position (no path tracking
//! while parsing). This checks it against serde_path_to_error, which tracks the path, on
//! random corruptions of real requests and claims, compact and pretty-printed.
#![forbid(unsafe_code)]

use proptest::prelude::*;
use serde_json::Value;

fn samples() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut out = Vec::new();
    for sub in ["", "sections", "claims"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "json") {
                let v: Value =
                    serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
                if v["expect"].get("error").is_none() {
                    if let Some(r) = v.get("request") {
                        out.push(r.clone());
                    }
                    if let Some(c) = v.get("claim") {
                        out.push(c.clone());
                    }
                }
            }
        }
    }
    out
}

/// Every location in the document: (pointer to the container, key or index).
fn slots(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                slots(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                slots(x, p, out);
            }
        }
        _ => {}
    }
}

fn expected_path(text: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let is_claim = text.contains("tuoyu.claim.v1");
    let err = if is_claim {
        serde_path_to_error::deserialize::<_, calc_core::Claim>(&mut de).err()?
    } else {
        serde_path_to_error::deserialize::<_, calc_core::Request>(&mut de).err()?
    };
    let mut p = err.path().to_string();
    if p == "." {
        p.clear();
    }
    let msg = err.inner().to_string();
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let f = rest.split('`').next().unwrap_or("");
        p = if p.is_empty() {
            f.to_string()
        } else {
            format!("{p}.{f}")
        };
    }
    Some(p)
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(serde_json::json!(true)),
        Just(serde_json::json!(-7)),
        Just(serde_json::json!("not a number")),
        Just(serde_json::json!("2026-13-40")),
        Just(serde_json::json!({"colour": "red"})),
        Just(serde_json::json!([1, "x"])),
        Just(serde_json::json!("full_moon")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn recovered_paths_match_tracked_paths(pick in any::<prop::sample::Index>(), slot in any::<prop::sample::Index>(),
                                           with in replacement(), pretty in any::<bool>(), extra_key in any::<bool>()) {
        let all = samples();
        let mut doc = pick.get(&all).clone();
        let mut places = Vec::new();
        slots(&doc, String::new(), &mut places);
        prop_assume!(!places.is_empty());
        let place = slot.get(&places).clone();
        if extra_key {
            // An unknown key next to the chosen place (when that is an object member).
            let parent = place.rsplit_once('/').map(|(a, _)| a.to_string()).unwrap_or_default();
            if let Some(Value::Object(m)) = doc.pointer_mut(&parent) {
                m.insert("zz_unknown".into(), with);
            }
        } else if let Some(v) = doc.pointer_mut(&place) {
            *v = with;
        }
        let text = if pretty { serde_json::to_string_pretty(&doc).unwrap() } else { doc.to_string() };
        if let Some(want) = expected_path(&text) {
            let got = if text.contains("tuoyu.claim.v1") {
                calc_core::Claim::from_json(&text).err().map(|e| e.path().to_string())
            } else {
                calc_core::Request::from_json(&text).err().map(|e| e.path().to_string())
            };
            let got = got.unwrap_or_default();
            // A struct written as an array is refused at the struct ("expected a JSON object");
            // serde_path_to_error reads it leniently, as serde does, and fails at an element.
            let index_only = |rest: &str| rest.starts_with('[') && rest.ends_with(']') && !rest.contains('.');
            let same = got == want || want.strip_prefix(got.as_str()).is_some_and(index_only);
            prop_assert!(same, "recovered {:?}, tracked {:?}: {}", got, want, text);
        }
    }
}
