//! The one error type: what is wrong, where (the JSON path of the field), in Chinese and English.

use crate::money::MSG_TAG;
use serde::{Deserialize, Serialize};

/// An input the library cannot use, or a calculation it cannot finish.
///
/// [`path`](Error::path) is the JSON path of the field at fault, written as `revenue.childcare`
/// or `properties[0].original_value` (empty for the document itself); [`kind`](Error::kind) says
/// what is wrong with it, for a program; the messages say it for a person, in Chinese and
/// English, with what to do. Its JSON form is the `tuoyu.error.v1` object.
///
/// ```
/// use calc_core::{error::ErrorKind, Request};
///
/// let e = Request::from_json(r#"{"schema": "tuoyu.request.v1", "year": 2026,
///   "facility": {"legal_form": "enterprise", "community_based": true,
///   "service_modes": ["full_day"], "filed_with_health_commission": true},
///   "revenue": {"childcare": "12x"}}"#).unwrap_err();
/// assert_eq!(e.path(), "revenue.childcare");
/// assert_eq!(e.kind(), ErrorKind::BadValue);
/// assert!(e.message_en().starts_with("revenue.childcare: not a decimal number"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{en}")]
pub struct Error {
    path: String,
    zh: String,
    en: String,
    kind: ErrorKind,
}

/// What kind of problem an [`Error`] is: for a program that reacts differently to each (the
/// messages are for people).
///
/// ```
/// use calc_core::{ErrorKind, Request};
/// let kind = |text: &str| Request::from_json(text).unwrap_err().kind();
/// assert_eq!(kind("{"), ErrorKind::InvalidJson);
/// assert_eq!(kind(r#"{"schema": "tuoyu.request.v1", "year": 2026, "colour": 1}"#), ErrorKind::UnknownField);
/// assert_eq!(kind(r#"{"schema": "tuoyu.request.v1", "year": "soon"}"#), ErrorKind::BadValue);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not a JSON document (or has text after it, or is over
    /// [`crate::MAX_DOCUMENT_BYTES`]).
    InvalidJson,
    /// A required field is absent.
    MissingField,
    /// A field the schema does not have (inputs are strict: a typo is not ignored).
    UnknownField,
    /// A field holds a value it cannot take: wrong type, not a number, out of range, not a real
    /// date, a combination the rules refuse.
    BadValue,
    /// The amounts are too large: the exact arithmetic overflowed.
    Overflow,
    /// A parameter has no value in force on the date needed (choose another year, update the
    /// parameter file or override it).
    NoParameter,
    /// The input could not be read (an I/O error).
    Read,
    /// The library's own data failed (the built-in parameter file), or an internal invariant.
    Internal,
}

/// `tuoyu.error.v1`: an error as JSON.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorJson {
    /// Always `tuoyu.error.v1`.
    pub schema: String,
    /// JSON path of the field at fault.
    pub path: String,
    /// The message in Chinese.
    pub error_zh: String,
    /// The message in English.
    pub error_en: String,
}

fn with_path(path: &str, msg: &str, sep: &str) -> String {
    if path.is_empty() {
        msg.to_string()
    } else {
        format!("{path}{sep}{msg}")
    }
}

impl Error {
    /// An error at `path` with a message in each language (without the path; it is prefixed).
    #[must_use]
    pub fn new(path: &str, zh: &str, en: &str) -> Error {
        Error::of_kind(ErrorKind::BadValue, path, zh, en)
    }

    /// An error of `kind` at `path` (messages without the path; it is prefixed).
    #[must_use]
    pub fn of_kind(kind: ErrorKind, path: &str, zh: &str, en: &str) -> Error {
        Error {
            path: path.to_string(),
            zh: with_path(path, zh, "："),
            en: with_path(path, en, ": "),
            kind,
        }
    }

    /// JSON path of the field at fault (`revenue.childcare`, `properties[0].original_value`;
    /// empty for the document itself).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What kind of problem it is.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message in Chinese, starting with the path.
    #[must_use]
    pub fn message_zh(&self) -> &str {
        &self.zh
    }

    /// The message in English, starting with the path (also the error's `Display`).
    #[must_use]
    pub fn message_en(&self) -> &str {
        &self.en
    }

    /// The Chinese message without the path in front.
    #[must_use]
    pub fn detail_zh(&self) -> &str {
        self.strip(&self.zh, "：")
    }

    /// The English message without the path in front.
    #[must_use]
    pub fn detail_en(&self) -> &str {
        self.strip(&self.en, ": ")
    }

    fn strip<'a>(&self, s: &'a str, sep: &str) -> &'a str {
        if self.path.is_empty() {
            return s;
        }
        s.strip_prefix(self.path.as_str())
            .and_then(|rest| rest.strip_prefix(sep))
            .unwrap_or(s)
    }

    /// The same error at another path (same kind, same detail).
    #[must_use]
    pub fn at(self, path: &str) -> Error {
        Error::of_kind(self.kind, path, self.detail_zh(), self.detail_en())
    }

    /// The same error with `prefix.` in front of its path (a request inside a claim).
    #[must_use]
    pub fn prefixed(self, prefix: &str) -> Error {
        let path = if self.path.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", self.path)
        };
        self.at(&path)
    }

    pub(crate) fn no_parameter(id: &str, date: chrono::NaiveDate) -> Error {
        Error::of_kind(
            ErrorKind::NoParameter,
            &format!("parameters.{id}"),
            &format!("{date} 没有已公布的数值：请改选有效期内的年份，或用“若政策延续”情景，或在参数覆盖中填写"),
            &format!("no published value for {date}: pick a year within the rules, use the \"if extended\" scenario, or enter a value in the overrides"),
        )
    }

    /// A local figure (SPEC §12.6) with no value because the request's region has no pack
    /// giving it: the user supplies it with an override under its generic id.
    pub(crate) fn no_local_parameter(
        id: crate::params::ParamId,
        region: u32,
        date: chrono::NaiveDate,
    ) -> Error {
        let g = id.generic_id();
        let level_zh = match id.level() {
            crate::params::Level::Province => "省级",
            crate::params::Level::City => "市级",
            _ => "区县级",
        };
        Error::of_kind(
            ErrorKind::NoParameter,
            &format!("parameters.{g}"),
            &format!("地区 {region} 的{level_zh}数值（{date}）需按当地规定提供：请在参数覆盖中填写“{g}”"),
            &format!("this {} figure for region {region} ({date}) must come from the local rules: enter \"{g}\" in the overrides", id.level().as_str()),
        )
    }

    pub(crate) fn store_failed() -> Error {
        let detail = crate::params::Store::embedded_error()
            .map(|e| e.to_string())
            .unwrap_or_default();
        Error::of_kind(
            ErrorKind::Internal,
            "parameters",
            &format!("内置参数文件无法加载：{detail}"),
            &format!("the built-in parameter file failed to load: {detail}"),
        )
    }

    pub(crate) fn overflow(path: &str) -> Error {
        Error::of_kind(
            ErrorKind::Overflow,
            path,
            "金额过大，计算溢出",
            "amounts too large: the calculation overflowed",
        )
    }

    /// The `tuoyu.error.v1` object.
    #[must_use]
    pub fn to_json(&self) -> ErrorJson {
        ErrorJson {
            schema: "tuoyu.error.v1".to_string(),
            path: self.path.clone(),
            error_zh: self.zh.clone(),
            error_en: self.en.clone(),
        }
    }

    /// The `tuoyu.error.v1` object as a JSON string.
    #[must_use]
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(&self.to_json()).unwrap_or_default()
    }

    /// Builds the error for a failed deserialisation of `text`, with the field's path.
    pub(crate) fn from_serde(text: &str, inner: serde_json::Error) -> Error {
        let unknown_field = inner.to_string().starts_with("unknown field");
        let path = crate::json_path::path_at(text, inner.line(), inner.column(), unknown_field);
        let (line, col) = (inner.line(), inner.column());
        let full = inner.to_string();
        // serde_json appends " at line L column C"; keep it out of the message body.
        let body = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(b, _)| b);
        use serde_json::error::Category;
        match inner.classify() {
            // A truncated document is wrong as a whole, not at the last field read.
            Category::Eof => {
                let en = format!("not valid JSON: the text ends before the document does (line {line}, column {col})");
                let zh = format!("不是有效的 JSON：文档不完整，在第 {line} 行第 {col} 列提前结束");
                Error::of_kind(ErrorKind::InvalidJson, "", &zh, &en)
            }
            Category::Syntax => {
                let en = format!("not valid JSON: {body} (line {line}, column {col})");
                let zh = format!("不是有效的 JSON：{body}（第 {line} 行第 {col} 列）");
                Error::of_kind(ErrorKind::InvalidJson, &path, &zh, &en)
            }
            Category::Io => Error::of_kind(
                ErrorKind::Read,
                &path,
                &format!("读取失败：{body}"),
                &format!("could not be read: {body}"),
            ),
            Category::Data => {
                if let Some(rest) = body.strip_prefix(MSG_TAG) {
                    let (zh, en) = rest.split_once(MSG_TAG).unwrap_or((rest, rest));
                    return Error::new(&path, zh, en);
                }
                if let Some(rest) = body.strip_prefix("missing field `") {
                    let field = rest.split('`').next().unwrap_or("");
                    let p = if path.is_empty() {
                        field.to_string()
                    } else {
                        format!("{path}.{field}")
                    };
                    return Error::of_kind(
                        ErrorKind::MissingField,
                        &p,
                        "缺少必填字段",
                        "is required but missing",
                    );
                }
                if body.starts_with("unknown field `") {
                    let expected = body.split_once(", expected ").map_or("", |(_, e)| e);
                    return Error::of_kind(
                        ErrorKind::UnknownField,
                        &path,
                        &format!("未知字段（可用字段：{expected}）"),
                        &format!("unknown field (expected {expected})"),
                    );
                }
                if let Some(rest) = body.strip_prefix("unknown variant ") {
                    return Error::new(
                        &path,
                        &format!("取值无效：{rest}"),
                        &format!("unknown value {rest}"),
                    );
                }
                if let Some((found, _)) = body
                    .strip_prefix("invalid type: ")
                    .and_then(|rest| rest.split_once(", expected struct "))
                {
                    let (zh, en) = found_as_words(found);
                    return Error::new(
                        &path,
                        &format!("应为 JSON 对象 {{…}}，此处是{zh}"),
                        &format!("expected a JSON object {{…}}, found {en}"),
                    );
                }
                if body.starts_with("invalid type")
                    || body.starts_with("invalid value")
                    || body.starts_with("invalid length")
                {
                    return Error::new(&path, &format!("类型或取值错误：{body}"), body);
                }
                // chrono's date parse errors ("input is out of range" for 2026-02-30, …) say
                // nothing a person can act on: the field is a date, so say what a date is.
                if CHRONO_DATE_ERRORS.contains(&body) {
                    return Error::new(
                        &path,
                        "不是有效的日期：请按 YYYY-MM-DD 填写实际存在的日期，例如 2026-03-01",
                        "not a real date: write it as YYYY-MM-DD, e.g. 2026-03-01",
                    );
                }
                Error::new(&path, &format!("输入无效：{body}"), body)
            }
        }
    }
}

/// The messages of chrono's `ParseError` (a date field that is not a real `YYYY-MM-DD` date).
const CHRONO_DATE_ERRORS: [&str; 6] = [
    "input is out of range",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
];

/// serde's name of a JSON value's type ("sequence", "string \"x\"", …) in words, zh and en.
fn found_as_words(found: &str) -> (String, String) {
    if found == "sequence" {
        ("数组 […]".into(), "an array […]".into())
    } else if let Some(text) = found.strip_prefix("string") {
        (format!("字符串 {}", text.trim()), found.into())
    } else if found == "null" {
        ("null".into(), "null".into())
    } else {
        (found.into(), found.into())
    }
}

/// Parses JSON text into `T`, with errors naming the field's path; trailing text is refused.
///
/// The path is recovered from the position serde_json reports (see [`crate::json_path`]), so
/// the deserialisers run once, untracked, and only an error pays for finding its field.
pub(crate) fn parse_json<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T, Error> {
    if text.len() > crate::MAX_DOCUMENT_BYTES {
        return Err(Error::of_kind(
            ErrorKind::InvalidJson,
            "",
            &format!(
                "文档有 {} 字节，超过单个请求或申报的上限 1 MiB（1,048,576 字节）：请检查是否选错了文件；多笔申报请逐行写成 JSON Lines 或 CSV",
                text.len()
            ),
            &format!(
                "the document is {} bytes, over the limit of 1 MiB (1,048,576 bytes) for one request or claim: is it the right file? Many claims go one per line (JSON Lines) or in a CSV file",
                text.len()
            ),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value =
        T::deserialize(crate::strict::Strict(&mut de)).map_err(|e| Error::from_serde(text, e))?;
    de.end().map_err(|e| {
        Error::of_kind(
            ErrorKind::InvalidJson,
            "",
            &format!(
                "JSON 文档之后还有多余内容（第 {} 行第 {} 列）",
                e.line(),
                e.column()
            ),
            &format!(
                "unexpected text after the JSON document (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    Ok(value)
}

/// Arithmetic that overflowed, as the error of the field it was computing.
///
/// Every checked step of a formula ends in `.or_overflow(path)?`: on an `Option` from
/// `checked_add`/`checked_mul`/… (`None` is the overflow) and on a `Result<_, Overflow>` from the
/// exact sums of [`crate::money::Exact`]. The error is [`Error::overflow`] at `path`
/// (kind [`ErrorKind::Overflow`], the same words in Chinese and English wherever it happens).
pub(crate) trait OrOverflow<T> {
    /// The value, or the overflow error at `path`.
    fn or_overflow(self, path: &str) -> Result<T, Error>;
}

impl<T> OrOverflow<T> for Option<T> {
    fn or_overflow(self, path: &str) -> Result<T, Error> {
        self.ok_or_else(|| Error::overflow(path))
    }
}

impl<T> OrOverflow<T> for Result<T, crate::money::Overflow> {
    fn or_overflow(self, path: &str) -> Result<T, Error> {
        self.map_err(|_| Error::overflow(path))
    }
}
