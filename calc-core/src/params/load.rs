//! Loading and validating the parameter file.

use super::ids::{Kind, Level};
use super::{
    Admissible, Bracket, Citation, Confidence, Entry, Pack, ParamId, Series, Store, Value,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;

/// Why a parameter file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parameter file: {0}")]
pub struct LoadError(pub String);

/// A parameter series as `build.rs` writes it from the TOML file.
pub(super) struct StaticSeries {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub unit: &'static str,
    pub admissible: Option<StaticAdmissible>,
    pub values: &'static [StaticEntry],
}

/// A region pack as `build.rs` writes it from `data/regions/*.toml`.
pub(super) struct StaticPack {
    pub file: &'static str,
    pub code: Option<&'static str>,
    pub name_zh: Option<&'static str>,
    pub name_en: Option<&'static str>,
    pub prefix: Option<&'static str>,
    pub unknown: &'static [&'static str],
    pub series: &'static [StaticSeries],
}

/// A series' `admissible` table as `build.rs` writes it.
pub(super) struct StaticAdmissible {
    pub min: Option<&'static str>,
    pub max: Option<&'static str>,
    pub integer: Option<bool>,
    pub length: Option<i64>,
    pub unknown: &'static [&'static str],
}

/// A dated value as `build.rs` writes it (fields as in the file; `unknown` lists keys the
/// loader does not know, which it refuses).
pub(super) struct StaticEntry {
    pub from: &'static str,
    pub to: Option<&'static str>,
    pub value: Option<&'static str>,
    pub flag: Option<bool>,
    pub schedule: Option<&'static [(Option<&'static str>, &'static str)]>,
    pub band: Option<(&'static str, &'static str)>,
    pub table: Option<&'static [&'static str]>,
    pub confidence: Option<&'static str>,
    pub document: Option<&'static str>,
    pub title_en: Option<&'static str>,
    pub article: Option<&'static str>,
    pub article_en: Option<&'static str>,
    pub published: Option<&'static str>,
    pub url: Option<&'static str>,
    pub url_note: Option<&'static str>,
    pub unknown: &'static [&'static str],
}

/// Validates the built-in parameters and region packs.
pub(super) fn load_static(
    series: &[StaticSeries],
    packs: &[StaticPack],
) -> Result<Store, LoadError> {
    let parameter = series
        .iter()
        .map(static_raw)
        .collect::<Result<Vec<_>, _>>()?;
    let mut store = validate(File { parameter })?;
    for p in packs {
        if let Some(k) = p.unknown.first() {
            return Err(LoadError(format!("{}: unknown field `{k}`", p.file)));
        }
        let missing = |k: &str| LoadError(format!("{}: `region.{k}` is missing", p.file));
        let raw = PackFile {
            region: RawRegion {
                code: p.code.ok_or_else(|| missing("code"))?.to_string(),
                name_zh: p.name_zh.ok_or_else(|| missing("name_zh"))?.to_string(),
                name_en: p.name_en.ok_or_else(|| missing("name_en"))?.to_string(),
                prefix: p.prefix.ok_or_else(|| missing("prefix"))?.to_string(),
            },
            parameter: p
                .series
                .iter()
                .map(static_raw)
                .collect::<Result<Vec<_>, _>>()?,
        };
        store = add_pack(store, raw).map_err(|e| LoadError(format!("{}: {}", p.file, e.0)))?;
    }
    Ok(store)
}

/// A series in its static form as the loader's raw form.
fn static_raw(series: &StaticSeries) -> Result<RawSeries, LoadError> {
    let own = |x: Option<&str>| x.map(str::to_string);
    {
        let mut values = Vec::with_capacity(series.values.len());
        for e in series.values {
            if let Some(k) = e.unknown.first() {
                return Err(LoadError(format!("`{}`: unknown field `{k}`", series.id)));
            }
            let confidence = match e.confidence {
                None => None,
                Some("verified") => Some(Confidence::Verified),
                Some("secondary") => Some(Confidence::Secondary),
                Some("unverified") => Some(Confidence::Unverified),
                Some(other) => {
                    return Err(LoadError(format!(
                        "`{}`: unknown confidence `{other}`",
                        series.id
                    )))
                }
            };
            values.push(RawEntry {
                from: e.from.to_string(),
                to: own(e.to),
                value: own(e.value),
                flag: e.flag,
                schedule: e.schedule.map(|bs| {
                    bs.iter()
                        .map(|(u, r)| RawBracket {
                            up_to: own(*u),
                            rate: r.to_string(),
                        })
                        .collect()
                }),
                band: e.band.map(|(min, max)| RawBand {
                    min: min.to_string(),
                    max: max.to_string(),
                }),
                table: e.table.map(|t| t.iter().map(|x| x.to_string()).collect()),
                confidence,
                document: own(e.document),
                title_en: own(e.title_en),
                article: own(e.article),
                article_en: own(e.article_en),
                published: own(e.published),
                url: own(e.url),
                url_note: own(e.url_note),
            });
        }
        let admissible = match &series.admissible {
            Some(a) => {
                if let Some(k) = a.unknown.first() {
                    return Err(LoadError(format!(
                        "`{}`: unknown field `{k}` in `admissible`",
                        series.id
                    )));
                }
                Some(RawAdmissible {
                    min: own(a.min),
                    max: own(a.max),
                    integer: a.integer,
                    length: a.length,
                })
            }
            None => None,
        };
        Ok(RawSeries {
            id: series.id.to_string(),
            label_zh: series.label_zh.to_string(),
            label_en: series.label_en.to_string(),
            unit: series.unit.to_string(),
            admissible,
            values,
        })
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    parameter: Vec<RawSeries>,
}

/// A region pack file: `[region]` and the pack's series.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    region: RawRegion,
    #[serde(default)]
    parameter: Vec<RawSeries>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    code: String,
    name_zh: String,
    name_en: String,
    prefix: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    id: String,
    label_zh: String,
    label_en: String,
    unit: String,
    #[serde(default)]
    admissible: Option<RawAdmissible>,
    #[serde(default)]
    values: Vec<RawEntry>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdmissible {
    min: Option<String>,
    max: Option<String>,
    integer: Option<bool>,
    length: Option<i64>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    from: String,
    to: Option<String>,
    value: Option<String>,
    flag: Option<bool>,
    schedule: Option<Vec<RawBracket>>,
    band: Option<RawBand>,
    table: Option<Vec<String>>,
    confidence: Option<Confidence>,
    document: Option<String>,
    title_en: Option<String>,
    article: Option<String>,
    article_en: Option<String>,
    published: Option<String>,
    url: Option<String>,
    url_note: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBracket {
    up_to: Option<String>,
    rate: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    min: String,
    max: String,
}

fn dec(s: &str, ctx: &str) -> Result<Decimal, LoadError> {
    Decimal::from_str(s).map_err(|_| LoadError(format!("{ctx}: `{s}` is not a decimal number")))
}

fn date(s: &str, ctx: &str) -> Result<NaiveDate, LoadError> {
    crate::date::parse(s).map_err(|_| LoadError(format!("{ctx}: `{s}` is not a date YYYY-MM-DD")))
}

#[cfg(feature = "toml")]
pub(super) fn load_toml(text: &str) -> Result<Store, LoadError> {
    let file: File = toml::from_str(text).map_err(|e| LoadError(e.to_string()))?;
    validate(file)
}

pub(super) fn load_json(text: &str) -> Result<Store, LoadError> {
    let file: File = serde_json::from_str(text).map_err(|e| LoadError(e.to_string()))?;
    validate(file)
}

fn validate(file: File) -> Result<Store, LoadError> {
    let mut slots: Vec<Option<Series>> = vec![None; ParamId::ALL.len()];
    for raw in file.parameter {
        let id = ParamId::from_any_id(&raw.id)
            .filter(|id| id.generic_id() == raw.id)
            .ok_or_else(|| {
                let hint = ParamId::from_id(&raw.id)
                    .filter(|id| id.level() != Level::National)
                    .map(|id| {
                        format!(
                            " (a local figure: write `{}` here, and the region's values in its pack under data/regions/)",
                            id.generic_id()
                        )
                    })
                    .unwrap_or_default();
                LoadError(format!("unknown parameter id `{}`{hint}", raw.id))
            })?;
        let slot = &mut slots[id as usize];
        if slot.is_some() {
            return Err(LoadError(format!("`{}` is defined twice", raw.id)));
        }
        // A local figure may have no national value: each region's pack gives it.
        *slot = Some(series(id, raw, id.level() != Level::National)?);
    }
    let mut generic = Vec::with_capacity(slots.len());
    for (slot, id) in slots.into_iter().zip(ParamId::ALL) {
        generic.push(slot.ok_or_else(|| LoadError(format!("`{}` is missing", id.generic_id())))?);
    }
    Ok(Store::new(generic, Vec::new()))
}

/// One series: its values checked against its kind and admissible values, its windows sorted
/// and not overlapping.
fn series(id: ParamId, raw: RawSeries, may_be_empty: bool) -> Result<Series, LoadError> {
    if raw.values.is_empty() && !may_be_empty {
        return Err(LoadError(format!("`{}` has no values", raw.id)));
    }
    let admissible = admissible(id, raw.admissible)?;
    let mut entries = Vec::with_capacity(raw.values.len());
    for (i, e) in raw.values.into_iter().enumerate() {
        let e = entry(id, i, e)?;
        admissible
            .check(&e.value)
            .map_err(|(_, en)| LoadError(format!("`{}` value {}: {en}", raw.id, i + 1)))?;
        entries.push(e);
    }
    // Stably by start, by insertion: a series has a few windows, written in order as a rule
    // (the standard sort would bring its own merge sort into the browser build, ~1 KB gzipped).
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 && entries[j].valid_from < entries[j - 1].valid_from {
            entries.swap(j, j - 1);
            j -= 1;
        }
    }
    for pair in entries.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.valid_to.is_none_or(|to| to >= b.valid_from) {
            return Err(LoadError(format!(
                "`{}`: the window starting {} overlaps the one starting {}",
                raw.id, a.valid_from, b.valid_from
            )));
        }
    }
    Ok(Series {
        id,
        label_zh: raw.label_zh,
        label_en: raw.label_en,
        unit: raw.unit,
        admissible,
        entries,
    })
}

/// Adds a region pack to a store: its code a real division code not already packed, its
/// prefix its own, each series a local figure of the pack's level named `prefix.role`.
fn add_pack(store: Store, raw: PackFile) -> Result<Store, LoadError> {
    let r = raw.region;
    let code = super::region_code(&r.code)
        .map_err(|(_, en)| LoadError(format!("`region.code` `{}`: {en}", r.code)))?;
    let level = Level::of_code(code);
    let generic = ["national", "province", "city", "district"];
    if r.prefix.is_empty()
        || generic.contains(&r.prefix.as_str())
        || !r
            .prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(LoadError(format!(
            "`region.prefix` `{}`: lower-case letters, digits and `_`, not a level name",
            r.prefix
        )));
    }
    if let Some(p) = store
        .packs
        .iter()
        .find(|p| p.code == code || p.prefix == r.prefix)
    {
        return Err(LoadError(format!(
            "region {code} (`{}`) clashes with the pack of {} (`{}`)",
            r.prefix, p.code, p.prefix
        )));
    }
    let mut pack = Pack {
        code,
        level,
        name_zh: r.name_zh,
        name_en: r.name_en,
        prefix: r.prefix,
        series: Vec::with_capacity(raw.parameter.len()),
        ids: Vec::with_capacity(raw.parameter.len()),
    };
    for s in raw.parameter {
        let id =
            s.id.strip_prefix(&pack.prefix)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|role| ParamId::local(level, role))
                .ok_or_else(|| {
                    let roles: Vec<String> = ParamId::ALL
                        .iter()
                        .filter(|p| p.level() == level)
                        .map(|p| format!("{}.{}", pack.prefix, p.role()))
                        .collect();
                    LoadError(format!(
                        "`{}` is not a {} figure of this pack (one of: {})",
                        s.id,
                        level.as_str(),
                        roles.join(", ")
                    ))
                })?;
        if pack.series.iter().any(|x| x.id == id) {
            return Err(LoadError(format!("`{}` is defined twice", s.id)));
        }
        pack.ids.push(s.id.clone());
        let name = s.id.clone();
        pack.series.push(series(id, s, false).map_err(|e| {
            // Name the pack's own id, not the generic series it fills.
            LoadError(e.0.replace(&format!("`{}`", id.as_str()), &format!("`{name}`")))
        })?);
    }
    let mut packs = store.packs;
    packs.push(pack);
    Ok(Store::new(store.generic, packs))
}

/// Parses a region pack in TOML and adds it to `store`.
#[cfg(feature = "toml")]
pub(super) fn add_pack_toml(store: &Store, text: &str) -> Result<Store, LoadError> {
    let file: PackFile = toml::from_str(text).map_err(|e| LoadError(e.to_string()))?;
    add_pack(store.clone(), file)
}

/// A series' admissible values: required for every kind but flags.
fn admissible(id: ParamId, raw: Option<RawAdmissible>) -> Result<Admissible, LoadError> {
    let ctx = format!("`{}` admissible", id.as_str());
    let Some(raw) = raw else {
        if id.kind() == Kind::Flag {
            return Ok(Admissible::default());
        }
        return Err(LoadError(format!(
            "`{}` needs `admissible` (the values it may take: min, max, integer, length)",
            id.as_str()
        )));
    };
    let min = raw.min.as_deref().map(|s| dec(s, &ctx)).transpose()?;
    let max = raw.max.as_deref().map(|s| dec(s, &ctx)).transpose()?;
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            return Err(LoadError(format!("{ctx}: min above max")));
        }
    }
    let length = match raw.length {
        None => None,
        Some(n) if id.kind() == Kind::Table && n > 0 => usize::try_from(n).ok(),
        Some(_) => {
            return Err(LoadError(format!(
                "{ctx}: `length` is for tables, and at least 1"
            )))
        }
    };
    Ok(Admissible {
        min,
        max,
        integer: raw.integer.unwrap_or(false),
        length,
    })
}

fn entry(id: ParamId, i: usize, e: RawEntry) -> Result<Entry, LoadError> {
    let ctx = format!("`{}` value {}", id.as_str(), i + 1);
    let valid_from = date(&e.from, &ctx)?;
    let valid_to = e.to.as_deref().map(|t| date(t, &ctx)).transpose()?;
    if valid_to.is_some_and(|t| t < valid_from) {
        return Err(LoadError(format!("{ctx}: `to` is before `from`")));
    }
    let document = e.document.filter(|s| !s.trim().is_empty());
    let article = e.article.filter(|s| !s.trim().is_empty());
    let (Some(document), Some(article)) = (document, article) else {
        return Err(LoadError(format!(
            "{ctx}: a value needs a citation (`document` and `article`)"
        )));
    };
    // Where the cited text can be read, or, where no public copy was found, why not.
    let url = e.url.filter(|s| !s.trim().is_empty());
    let url_note = e.url_note.filter(|s| !s.trim().is_empty());
    match &url {
        None if url_note.is_none() => {
            return Err(LoadError(format!(
                "{ctx}: a value needs `url` (where the cited text is published) or `url_note` \
                 (why there is none, e.g. no public copy found, or an assumption of this program)"
            )))
        }
        Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => {
            return Err(LoadError(format!(
                "{ctx}: `url` must be a web address starting with https:// or http://, not `{u}`"
            )))
        }
        _ => {}
    }
    let confidence = e
        .confidence
        .ok_or_else(|| LoadError(format!("{ctx}: `confidence` is missing")))?;
    // A parameter file is an input: only this version's names (outputs may grow, inputs not).
    if let Confidence::Other(name) = confidence {
        return Err(LoadError(format!(
            "{ctx}: unknown confidence `{name}` (verified, secondary or unverified)"
        )));
    }
    let given = [
        e.value.is_some(),
        e.flag.is_some(),
        e.schedule.is_some(),
        e.band.is_some(),
        e.table.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(LoadError(format!(
            "{ctx}: give exactly one of value, flag, schedule, band, table"
        )));
    }
    let value = match (id.kind(), e.value, e.flag, e.schedule, e.band, e.table) {
        (Kind::Decimal, Some(v), ..) => Value::Decimal(dec(&v, &ctx)?),
        (Kind::Flag, _, Some(f), ..) => Value::Flag(f),
        (Kind::Schedule, _, _, Some(s), ..) => {
            let mut brackets = Vec::with_capacity(s.len());
            for b in s {
                brackets.push(Bracket {
                    up_to: b.up_to.as_deref().map(|u| dec(u, &ctx)).transpose()?,
                    rate: dec(&b.rate, &ctx)?,
                });
            }
            check_schedule(&brackets).map_err(|(_, en)| LoadError(format!("{ctx}: {en}")))?;
            Value::Schedule(brackets)
        }
        (Kind::Band, _, _, _, Some(b), _) => {
            let (min, max) = (dec(&b.min, &ctx)?, dec(&b.max, &ctx)?);
            if min > max {
                return Err(LoadError(format!("{ctx}: band min above max")));
            }
            Value::Band { min, max }
        }
        (Kind::Table, .., Some(t)) => Value::Table(
            t.iter()
                .map(|x| dec(x, &ctx))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        (kind, ..) => {
            return Err(LoadError(format!(
                "{ctx}: this parameter takes a {kind:?} value"
            )))
        }
    };
    Ok(Entry {
        valid_from,
        valid_to,
        value,
        citation: Citation {
            document,
            title_en: e.title_en,
            article,
            article_en: e.article_en,
            published: e.published,
            url,
            url_note,
        },
        confidence,
    })
}

type Msg = (String, String);

fn msg(zh: &str, en: &str) -> Msg {
    (zh.to_string(), en.to_string())
}

fn check_schedule(b: &[Bracket]) -> Result<(), Msg> {
    if b.is_empty() {
        return Err(msg(
            "分段税率表不能为空",
            "a schedule needs at least one bracket",
        ));
    }
    let mut prev = Decimal::ZERO;
    for (i, br) in b.iter().enumerate() {
        if br.rate.is_sign_negative() {
            return Err(msg("税率不能为负数", "a rate must not be negative"));
        }
        match br.up_to {
            Some(u) if u <= prev => {
                return Err(msg("分段上限必须递增", "upper bounds must increase"))
            }
            Some(u) => prev = u,
            None if i + 1 != b.len() => {
                return Err(msg(
                    "只有最后一段可以没有上限",
                    "only the last bracket may be open (null)",
                ))
            }
            None => {}
        }
    }
    Ok(())
}

/// Reads a decimal from a JSON override value: a string or a number, exactly.
fn json_dec(v: &serde_json::Value) -> Option<Decimal> {
    match v {
        serde_json::Value::String(s) => crate::money::parse_decimal(s),
        serde_json::Value::Number(n) => crate::money::parse_decimal(&n.to_string()),
        _ => None,
    }
}

/// Reads an override in the JSON shape of its parameter's kind.
pub(super) fn value_from_json(kind: Kind, v: &serde_json::Value) -> Result<Value, Msg> {
    use serde_json::Value as J;
    let not_dec = || {
        msg(
            "必须是数字（可写作字符串）",
            "must be a decimal number (a string or a JSON number)",
        )
    };
    let non_neg = |d: Decimal| {
        if d.is_sign_negative() && !d.is_zero() {
            Err(msg("不能为负数", "must not be negative"))
        } else if d > crate::money::MAX_INPUT {
            Err(msg(
                "数值过大（上限 10^15）",
                "is too large (at most 10^15)",
            ))
        } else {
            Ok(d)
        }
    };
    match kind {
        Kind::Decimal => json_dec(v)
            .ok_or_else(not_dec)
            .and_then(non_neg)
            .map(Value::Decimal),
        Kind::Flag => match v {
            J::Bool(b) => Ok(Value::Flag(*b)),
            _ => Err(msg("必须是 true 或 false", "must be true or false")),
        },
        Kind::Schedule => {
            let shape = || {
                msg(
                    "必须是 [[上限或null, 税率], …]",
                    "must be [[upper bound or null, rate], …]",
                )
            };
            let J::Array(items) = v else {
                return Err(shape());
            };
            let mut brackets = Vec::with_capacity(items.len());
            for item in items {
                let J::Array(pair) = item else {
                    return Err(shape());
                };
                let [bound, rate] = pair.as_slice() else {
                    return Err(shape());
                };
                let up_to = match bound {
                    J::Null => None,
                    b => Some(json_dec(b).ok_or_else(shape).and_then(non_neg)?),
                };
                brackets.push(Bracket {
                    up_to,
                    rate: json_dec(rate).ok_or_else(shape).and_then(non_neg)?,
                });
            }
            check_schedule(&brackets)?;
            Ok(Value::Schedule(brackets))
        }
        Kind::Band => {
            let shape = || msg("必须是 [下限, 上限]", "must be [min, max]");
            let J::Array(items) = v else {
                return Err(shape());
            };
            let [a, b] = items.as_slice() else {
                return Err(shape());
            };
            let (min, max) = (
                json_dec(a).ok_or_else(shape).and_then(non_neg)?,
                json_dec(b).ok_or_else(shape).and_then(non_neg)?,
            );
            if min > max {
                return Err(msg("下限不能高于上限", "min must not be above max"));
            }
            Ok(Value::Band { min, max })
        }
        Kind::Table => {
            let shape = || msg("必须是数字数组", "must be an array of decimal numbers");
            let J::Array(items) = v else {
                return Err(shape());
            };
            if items.is_empty() {
                return Err(shape());
            }
            let t = items
                .iter()
                .map(|x| json_dec(x).ok_or_else(shape).and_then(non_neg))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Table(t))
        }
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    const ONE: &str = r#"
[[parameter]]
id = "national.vat.general_rate"
label_zh = "x"
label_en = "x"
unit = "ratio"
admissible = { min = "0", max = "1" }
[[parameter.values]]
from = "2016-05-01"
to = "2025-12-31"
value = "0.06"
confidence = "secondary"
document = "d"
article = "a"
url_note = "n"
"#;

    fn embedded_with(extra: &str) -> String {
        format!("{}\n{}", super::super::EMBEDDED_TOML, extra)
    }

    #[test]
    fn the_static_form_built_from_the_toml_is_the_same_store() {
        let mut a = Store::from_toml(super::super::EMBEDDED_TOML).expect("toml");
        for pack in super::super::EMBEDDED_PACKS_TOML {
            a = a.with_pack_toml(pack).expect("pack");
        }
        assert_eq!(a.packs(), Store::embedded().packs());
        assert_eq!(a.all(), Store::embedded().all());
        assert!(Store::embedded_error().is_none());
    }

    #[test]
    fn the_embedded_file_loads() {
        let s = Store::from_toml(super::super::EMBEDDED_TOML).expect("embedded parameters load");
        assert_eq!(s.all().len(), ParamId::ALL.len());
    }

    #[test]
    fn an_unknown_id_is_refused() {
        let e = Store::from_toml(&ONE.replace("national.vat.general_rate", "national.vat.typo"))
            .unwrap_err();
        assert!(
            e.0.contains("unknown parameter id `national.vat.typo`"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_id_is_refused() {
        let e = Store::from_toml(ONE).unwrap_err();
        assert!(e.0.contains("is missing"), "{e}");
    }

    #[test]
    fn a_value_without_citation_is_refused() {
        let e = Store::from_toml(&ONE.replace("document = \"d\"\n", "")).unwrap_err();
        assert!(e.0.contains("needs a citation"), "{e}");
        let e = Store::from_toml(&ONE.replace("article = \"a\"", "article = \"  \"")).unwrap_err();
        assert!(e.0.contains("needs a citation"), "{e}");
    }

    #[test]
    fn a_value_without_url_or_url_note_is_refused() {
        let e = Store::from_toml(&ONE.replace("url_note = \"n\"\n", "")).unwrap_err();
        assert!(e.0.contains("`national.vat.general_rate` value 1"), "{e}");
        assert!(
            e.0.contains("needs `url`") && e.0.contains("`url_note`"),
            "{e}"
        );
        let e = Store::from_toml(&ONE.replace("url_note = \"n\"", "url_note = \" \"")).unwrap_err();
        assert!(e.0.contains("needs `url`"), "{e}");
        let e = Store::from_toml(&ONE.replace("url_note = \"n\"", "url = \"www.example.cn\""))
            .unwrap_err();
        assert!(e.0.contains("https://"), "{e}");
        // The embedded file with one value's `url` removed (a value without `url_note`) is refused.
        let url = "url = \"http://anhui.chinatax.gov.cn/art/2019/9/30/art_8638_686854.html\"\n";
        let text = super::super::EMBEDDED_TOML.replacen(url, "", 1);
        assert_ne!(
            text,
            super::super::EMBEDDED_TOML,
            "the test must change the file"
        );
        let e = Store::from_toml(&text).unwrap_err();
        assert!(
            e.0.contains("`national.community.preferences_in_force` value 1")
                && e.0.contains("needs `url`"),
            "{e}"
        );
        // A pack is held to the same rule: the Jinning pack without its url notes is refused.
        let jinning = super::super::EMBEDDED_PACKS_TOML
            .iter()
            .find(|p| p.contains("prefix = \"jinning\""))
            .expect("jinning pack");
        let bare: String = jinning
            .lines()
            .filter(|l| !l.starts_with("url_note = "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_ne!(&bare, jinning, "the test must change the pack");
        let base = Store::from_toml(super::super::EMBEDDED_TOML).expect("toml");
        let e = base.with_pack_toml(&bare).unwrap_err();
        assert!(
            e.0.contains("jinning.places_per_thousand") && e.0.contains("needs `url`"),
            "{e}"
        );
        assert!(base.with_pack_toml(jinning).is_ok());
    }

    #[test]
    fn overlapping_windows_are_refused() {
        let text = embedded_with("").replacen(
            "from = \"2020-03-01\"\nto = \"2022-03-31\"",
            "from = \"2020-02-01\"\nto = \"2022-03-31\"",
            1,
        );
        assert_ne!(text, embedded_with(""), "the test must change the file");
        let e = Store::from_toml(&text).unwrap_err();
        assert!(e.0.contains("overlaps"), "{e}");
    }

    #[test]
    fn a_duplicate_series_is_refused() {
        let e = Store::from_toml(&embedded_with(ONE)).unwrap_err();
        assert!(e.0.contains("defined twice"), "{e}");
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_refused() {
        let e = Store::from_toml(&ONE.replace("value = \"0.06\"", "flag = true")).unwrap_err();
        assert!(e.0.contains("takes a Decimal value"), "{e}");
        let e = Store::from_toml(&ONE.replace("0.06", "six percent")).unwrap_err();
        assert!(e.0.contains("not a decimal"), "{e}");
    }

    #[test]
    fn a_series_without_admissible_values_is_refused() {
        let e = Store::from_toml(&ONE.replace("admissible = { min = \"0\", max = \"1\" }\n", ""))
            .unwrap_err();
        assert!(e.0.contains("needs `admissible`"), "{e}");
    }

    #[test]
    fn a_value_outside_its_admissible_values_is_refused() {
        let text = embedded_with("").replacen("value = \"0.06\"", "value = \"6\"", 1);
        assert_ne!(text, embedded_with(""), "the test must change the file");
        let e = Store::from_toml(&text).unwrap_err();
        assert!(e.0.contains("must be between 0 and 1"), "{e}");
        let e = Store::from_toml(&ONE.replace("max = \"1\"", "max = \"1\", colour = \"red\""))
            .unwrap_err();
        assert!(e.0.contains("colour"), "{e}");
    }

    #[test]
    fn a_lookup_outside_every_window_is_an_error() {
        let s = Store::embedded();
        let d = NaiveDate::from_ymd_opt(2018, 6, 1).unwrap();
        let e = s.at(ParamId::CitSlpeSchedule, d).unwrap_err();
        assert!(e.message_en().contains("national.cit.slpe_schedule"), "{e}");
        assert!(s
            .at(
                ParamId::CommunityInForce,
                NaiveDate::from_ymd_opt(2028, 1, 1).unwrap()
            )
            .is_err());
    }

    #[test]
    fn every_series_has_a_citation_on_every_value() {
        for s in Store::embedded().all() {
            for e in &s.entries {
                assert!(
                    !e.citation.document.is_empty() && !e.citation.article.is_empty(),
                    "{:?}",
                    s.id
                );
            }
        }
    }
}
