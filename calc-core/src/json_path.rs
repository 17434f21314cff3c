//! Finding the JSON path of the field at a parse error.
//!
//! serde_json reports where an error happened (line and byte column of the last byte read);
//! walking the text up to that point with a small tokenizer tells which field that was:
//! `properties[0].colour`. This replaces tracking the path during every parse, which would
//! double the deserialisation code in the browser build and slow every claim of a batch.

/// One open container.
enum Frame {
    Object {
        key: Option<String>,
        want_key: bool,
        colon: bool,
    },
    Array {
        index: usize,
        started: bool,
    },
}

/// The JSON path at line `line`, byte column `column` (1-based, as serde_json reports them)
/// of `text`: the containers still open there, each with its current key or index.
///
/// An error raised just after an object key, before its value, is about that key only when it
/// is an unknown field (`key_is_field`); otherwise the object itself was the wrong value (an
/// enum or a number written as `{"colour": …}`) and the error is reported at its field.
#[must_use]
pub fn path_at(text: &str, line: usize, column: usize, key_is_field: bool) -> String {
    let bytes = text.as_bytes();
    // Byte offset just after the last byte serde_json read.
    let mut start = 0usize;
    if line > 1 {
        let mut seen = 1;
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                seen += 1;
                if seen == line {
                    start = i + 1;
                    break;
                }
            }
        }
    }
    let end = start.saturating_add(column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let b = bytes[i];
        match b {
            b'{' | b'[' => {
                mark_value(&mut stack);
                stack.push(if b == b'{' {
                    Frame::Object {
                        key: None,
                        want_key: true,
                        colon: false,
                    }
                } else {
                    Frame::Array {
                        index: 0,
                        started: false,
                    }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object {
                    key,
                    want_key,
                    colon,
                }) => {
                    *key = None;
                    *want_key = true;
                    *colon = false;
                }
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b'"' => {
                let s = i + 1;
                let mut j = s;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let content = text.get(s..j.min(bytes.len())).unwrap_or("");
                match stack.last_mut() {
                    Some(Frame::Object { key, want_key, .. }) if *want_key => {
                        *key = Some(content.to_string());
                        *want_key = false;
                    }
                    _ => mark_value(&mut stack),
                }
                i = j;
            }
            b':' => {
                if let Some(Frame::Object { colon, .. }) = stack.last_mut() {
                    *colon = true;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => mark_value(&mut stack),
        }
        i += 1;
    }
    if !key_is_field {
        if let Some(Frame::Object {
            key: Some(_),
            colon: false,
            ..
        }) = stack.last()
        {
            stack.pop();
        }
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Array {
                index,
                started: true,
            } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            _ => break,
        }
    }
    path
}

fn mark_value(stack: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = stack.last_mut() {
        *started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at(text: &str) -> String {
        // The error position: just after the `|` marker, which is removed.
        let cut = text.find('|').expect("marker");
        let clean = text.replace('|', "");
        let before = &clean[..cut];
        let line = before.matches('\n').count() + 1;
        let col = cut - before.rfind('\n').map_or(0, |p| p + 1);
        path_at(&clean, line, col, true)
    }

    #[test]
    fn paths_follow_keys_and_indices() {
        assert_eq!(
            at(r#"{"properties":[{"w":"é","tenure":"x","colour"|:1}]}"#),
            "properties[0].colour"
        );
        assert_eq!(at(r#"{"a":[1,2,{"b":[true,"x",5|]}]}"#), "a[2].b[2]");
        assert_eq!(at(r#"{"a":{"b":1},"c":[{"d":"x"}|]}"#), "c[0]");
        assert_eq!(at(r#"{"a":"has \" quote and , comma","b":7|}"#), "b");
        assert_eq!(at("{\"a\":[1,\n2,\n3|]}"), "a[2]");
        assert_eq!(at(r#"{"x":1}|"#), "");
        assert_eq!(at(r#"{"x":[]|}"#), "x");
        let t = r#"{"f":{"legal_form":{"colour""#;
        assert_eq!(path_at(t, 1, t.len(), false), "f.legal_form");
        assert_eq!(path_at(t, 1, t.len(), true), "f.legal_form.colour");
        let t = r#"{"f":{"legal_form":"company""#;
        assert_eq!(path_at(t, 1, t.len(), false), "f.legal_form");
    }
}
