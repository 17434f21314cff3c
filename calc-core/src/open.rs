//! Reading outputs of a later version: names this version does not know.
//!
//! Outputs may grow (SPEC §9): a later calc-core may add a line, a claim item, a status, a
//! verdict, a beneficiary or a confidence level. A service linking this version must still read
//! that statement or report, and write it back unchanged. So the output enums —
//! [`LineId`](crate::LineId), [`Status`](crate::Status),
//! [`ClaimItem`](crate::verify::ClaimItem), [`Verdict`](crate::verify::Verdict),
//! [`Beneficiary`](crate::statement::Beneficiary), [`Confidence`](crate::params::Confidence) —
//! each have an `Other(`[`Unknown`]`)` variant that only
//! reading JSON produces: it holds the name as written and writes it back as it was.
//!
//! Inputs stay strict: a request or a claim never holds these enums by an unknown name, and the
//! parsers meant for people's text (`LineId::from_id`, `"…".parse::<LineId>()`,
//! `ClaimItem::from_name`) know only this version's names.
//!
//! ```
//! use calc_core::{LineId, Statement, Status};
//!
//! # let req = calc_core::Request::from_json(include_str!("../../fixtures/examples/request.json"))?;
//! # let mut st = serde_json::to_value(calc_core::assess(&req)?)?;
//! // A statement written by a later version, with a line and a field this one does not know.
//! st["lines"][0]["id"] = "childcare_subsidy_2029".into();
//! st["lines"][0]["status"] = "partly_applies".into();
//! st["lines"][0]["a_field_of_2029"] = true.into();
//! let read: Statement = serde_json::from_value(st)?;
//!
//! let line = &read.lines[0];
//! assert!(matches!(line.id, LineId::Other(_)));
//! assert_eq!(line.id.as_str(), "childcare_subsidy_2029");
//! assert_eq!(line.status.as_str(), "partly_applies");
//! assert_ne!(line.status, Status::Applies);
//! // Written back as it was read (the field this version does not know is not kept).
//! let back = serde_json::to_value(&read)?;
//! assert_eq!(back["lines"][0]["id"], "childcare_subsidy_2029");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The names are kept once each for the life of the process (so the enums stay `Copy`, with
//! `as_str() -> &'static str`): at most [`MAX_UNKNOWN_NAMES`] different ones, each a name of
//! the contract's form (`a`–`z`, `0`–`9`, `_`, at most [`MAX_NAME_LEN`] bytes). A text that
//! does not fit is refused when read, as before.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// How many different unknown names a process keeps (later versions add a few; a document
/// full of invented names is refused beyond this).
pub const MAX_UNKNOWN_NAMES: usize = 1024;

/// The longest unknown name read, in bytes.
pub const MAX_NAME_LEN: usize = 64;

/// A name written by a later version of calc-core that this version does not know (a new line
/// id, claim item, status, verdict, beneficiary or confidence), kept as written. Only reading JSON makes one.
///
/// ```
/// use calc_core::verify::Verdict;
///
/// let v: Verdict = serde_json::from_str("\"partly_matches\"")?;
/// let Verdict::Other(name) = v else { panic!("a verdict of a later version") };
/// assert_eq!(name.as_str(), "partly_matches");
/// assert_eq!(serde_json::to_string(&v)?, "\"partly_matches\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unknown(&'static str);

impl Unknown {
    /// The name, as written.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The name `text` as an unknown name, or why it cannot be one.
    pub(crate) fn read(text: &str) -> Result<Unknown, String> {
        let form = !text.is_empty()
            && text.len() <= MAX_NAME_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !form {
            return Err(format!(
                "\"{}\" is neither a name this version knows nor one a later version could write (a–z, 0–9, _, at most {MAX_NAME_LEN} bytes)",
                text.chars().take(MAX_NAME_LEN).collect::<String>()
            ));
        }
        static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
        // A panic while the set was held cannot leave it inconsistent (one insert).
        let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&name) = names.get(text) {
            return Ok(Unknown(name));
        }
        if names.len() >= MAX_UNKNOWN_NAMES {
            return Err(format!(
                "\"{text}\" is not a name this version knows, and {MAX_UNKNOWN_NAMES} unknown names have been read already"
            ));
        }
        let name: &'static str = Box::leak(text.to_owned().into_boxed_str());
        names.insert(name);
        Ok(Unknown(name))
    }
}

impl fmt::Debug for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Unknown({:?})", self.0)
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Serde for an output enum written as its name: `Serialize` writes `as_str()`; `Deserialize`
/// reads a known name (`$known`) or else `Other(Unknown)`; the schema is one of the known names
/// or any name of the contract's form (later versions add others).
macro_rules! open_names {
    ($ty:ty, $known:expr, $what:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        match $known(v) {
                            Some(known) => Ok(known),
                            None => crate::open::Unknown::read(v)
                                .map(<$ty>::Other)
                                .map_err(E::custom),
                        }
                    }
                }
                d.deserialize_str(V)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let known: Vec<&str> = <$ty>::ALL.iter().map(|x| x.as_str()).collect();
                schemars::json_schema!({
                    "anyOf": [
                        { "enum": known, "description": "the names this version writes" },
                        {
                            "type": "string",
                            "pattern": "^[a-z0-9_]+$",
                            "description": "a name a later version may add (SPEC §9: outputs may grow)"
                        }
                    ]
                })
            }
        }
    };
}
pub(crate) use open_names;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_once_and_read_back_as_written() {
        let a = Unknown::read("line_of_2031").expect("a name");
        let b = Unknown::read("line_of_2031").expect("a name");
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a.to_string(), "line_of_2031");
    }

    #[test]
    fn text_that_is_not_a_name_is_refused() {
        for bad in [
            "",
            "Vat",
            "a b",
            "增值税",
            "x-y",
            &"a".repeat(MAX_NAME_LEN + 1),
        ] {
            assert!(Unknown::read(bad).is_err(), "{bad:?}");
        }
        assert!(Unknown::read(&"a".repeat(MAX_NAME_LEN)).is_ok());
    }
}
