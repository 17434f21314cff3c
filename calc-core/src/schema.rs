//! JSON Schemas of the contract, generated from the types (feature `schema`).
//!
//! The schemas are committed under `schemas/` in the repository (`tuoyu.request.v1.json`, …); a
//! test regenerates them and fails when they are stale, and every fixture is checked against
//! them. Inputs are described as they are read (a decimal may be a string or a JSON number),
//! outputs as they are written (a decimal is a string).
//!
//! ```
//! let s = calc_core::schema::request();
//! assert_eq!(s["title"], "tuoyu.request.v1");
//! assert!(s["properties"]["revenue"].is_object());
//! ```

use schemars::generate::SchemaSettings;
use serde_json::Value;

fn input<T: schemars::JsonSchema>(title: &str) -> Value {
    titled(
        SchemaSettings::draft2020_12()
            .for_deserialize()
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value(),
        title,
    )
}

fn output<T: schemars::JsonSchema>(title: &str) -> Value {
    titled(
        SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value(),
        title,
    )
}

fn titled(mut v: Value, title: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.insert("title".into(), Value::String(title.into()));
        o.insert(
            "$id".into(),
            Value::String(format!("urn:tuoyu:schema:{title}")),
        );
    }
    v
}

/// `tuoyu.request.v1`, as read.
#[must_use]
pub fn request() -> Value {
    input::<crate::Request>("tuoyu.request.v1")
}

/// `tuoyu.claim.v1`, as read.
#[must_use]
pub fn claim() -> Value {
    input::<crate::Claim>("tuoyu.claim.v1")
}

/// `tuoyu.statement.v1`, as written.
#[must_use]
pub fn statement() -> Value {
    output::<crate::Statement>("tuoyu.statement.v1")
}

/// `tuoyu.verification.v1`, as written.
#[must_use]
pub fn verification() -> Value {
    output::<crate::Report>("tuoyu.verification.v1")
}

/// `tuoyu.error.v1`, as written.
#[must_use]
pub fn error() -> Value {
    output::<crate::ErrorJson>("tuoyu.error.v1")
}

/// Every schema with its file name under `schemas/`.
#[must_use]
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("tuoyu.request.v1.json", request()),
        ("tuoyu.claim.v1.json", claim()),
        ("tuoyu.statement.v1.json", statement()),
        ("tuoyu.verification.v1.json", verification()),
        ("tuoyu.error.v1.json", error()),
    ]
}
