//! `capacity` — 托位与保育人员 (SPEC §6).
//!
//! > （五）……在新建居住区（城区）按照每千人口不少于8个托位，规划建设婴幼儿照护服务设施及配套安全设施……老城区和已建成居住区无婴幼儿照护服务设施的，应在5年内通过购置、置换、租赁以及旧城改造等方式，按照每千人口不少于6个托位，建设婴幼儿照护服务设施。
//! > — 昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）四（五）
//!
//! *New residential areas plan at least 8 childcare places per 1,000 residents; old and built-up
//! areas without facilities reach at least 6 per 1,000 within five years.*
//!
//! > 第十九条 托育机构一般设置乳儿班（6—12个月，10人以下）、托小班（12—24个月，15人以下）、托大班（24—36个月，20人以下）三种班型。18个月以上的婴幼儿可混合编班，每个班不超过18人。
//! > 第二十条 ……保育人员与婴幼儿的比例应当不低于以下标准：乳儿班1:3，托小班1:5，托大班1:7。
//! > — 《托育机构设置标准（试行）》国卫人口发〔2019〕58号
//!
//! *Class types and maximum sizes; minimum carer-to-child ratios (the mixed-class ratio is not
//! set: 1:5 is an assumption, flagged).*
//!
//! Places needed = `ceil(population × k / 1000)`; shortfall = `max(0, needed − existing)`. Per
//! band: classes = `ceil(n / max size)`, children spread so that class sizes differ by at most
//! one, carers = Σ `ceil(class size / ratio)`. A full-time health worker is required from 150
//! children (卫生部 教育部令第76号 art.12).
//!
//! ```
//! use calc_core::{assess, Request};
//!
//! let req = Request::from_json(r#"{
//!   "schema": "tuoyu.request.v1", "year": 2026,
//!   "facility": { "legal_form": "enterprise", "community_based": true,
//!                 "service_modes": ["full_day"], "filed_with_health_commission": true },
//!   "capacity": { "population": 35250, "area": "new", "existing_places": 120,
//!                 "children": { "infant": 23 } }
//! }"#)?;
//! let cap = assess(&req)?.capacity.expect("requested");
//! assert_eq!(cap.places_needed, Some(282)); // ⌈35250 × 8 ÷ 1000⌉
//! assert_eq!(cap.shortfall, Some(162));
//! let infant = cap.bands.expect("children given").infant;
//! assert_eq!(infant.class_sizes, vec![8, 8, 7]); // ⌈23 ÷ 10⌉ = 3 classes
//! assert_eq!(infant.carers, 9); // ⌈8/3⌉ + ⌈8/3⌉ + ⌈7/3⌉
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::Error;
use crate::error::OrOverflow;
use crate::fee_benchmark::as_of;
use crate::lines::{plain, Ctx, Trace};
use crate::money::{Dec, Overflow};
use crate::params::{Found, ParamId};
use crate::statement::{Basis, ParamUse, Text};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The largest population accepted (10¹⁰).
pub const MAX_POPULATION: u64 = 10_000_000_000;
/// The largest number of children accepted in one band (one facility).
pub const MAX_CHILDREN_PER_BAND: u64 = 100_000;

const PLAN: &str = "昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）";
const STANDARD: &str = "《托育机构设置标准（试行）》国卫人口发〔2019〕58号";

/// Kind of residential area (区实施方案四（五）).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// 新建居住区（城区）: at least 8 places per 1,000 residents.
    New,
    /// 老城区和已建成居住区: at least 6 places per 1,000 residents, within 5 years.
    Old,
}

/// Request section `capacity` (SPEC §6). Give `population` (with `area`) for places, `children`
/// for classes and carers, or both.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CapacityRequest {
    /// Residents of the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// `new` or `old` (required with `population`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    /// Places that already exist (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_places: Option<u64>,
    /// Children by age band, for classes and carers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Children>,
}

/// Children by age band (a band left out has none).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Children {
    /// 乳儿班, 6–12 months.
    #[serde(default)]
    pub infant: u64,
    /// 托小班, 12–24 months.
    #[serde(default)]
    pub young_toddler: u64,
    /// 托大班, 24–36 months.
    #[serde(default)]
    pub older_toddler: u64,
    /// 混合编班, over 18 months.
    #[serde(default)]
    pub mixed: u64,
}

impl CapacityRequest {
    /// Checks the section: something to compute, `area` with `population`, sizes in range.
    ///
    /// # Errors
    /// The first problem, with its path (e.g. `capacity.children.infant`).
    pub fn validate(&self) -> Result<(), Error> {
        if self.population.is_none() && (self.area.is_some() || self.existing_places.is_some()) {
            return Err(Error::new(
                "capacity.population",
                "填写了区域类型或现有托位时必填",
                "is required when the area or the existing places are given",
            ));
        }
        if self.population.is_none() && self.children.is_none() {
            return Err(Error::new(
                "capacity",
                "请给出 population（测算托位）或 children（测算班级和保育人员）",
                "give population (for places) or children (for classes and carers)",
            ));
        }
        if let Some(p) = self.population {
            if p > MAX_POPULATION {
                return Err(Error::new(
                    "capacity.population",
                    "数值过大（上限 10^10）",
                    "is too large (at most 10^10)",
                ));
            }
            if self.area.is_none() {
                return Err(Error::new(
                    "capacity.area",
                    "给出 population 时必填：\"new\"（新建居住区）或 \"old\"（老城区和已建成居住区）",
                    "is required with population: \"new\" (new residential area) or \"old\" (old or built-up area)",
                ));
            }
        }
        if self.existing_places.is_some_and(|e| e > MAX_POPULATION) {
            return Err(Error::new(
                "capacity.existing_places",
                "数值过大（上限 10^10）",
                "is too large (at most 10^10)",
            ));
        }
        if let Some(c) = &self.children {
            for band in Band::ALL {
                if band.count(c) > MAX_CHILDREN_PER_BAND {
                    return Err(Error::new(
                        &format!("capacity.children.{}", band.key()),
                        "数值过大（每个班型上限 100000 名）",
                        "is too large (at most 100000 per band)",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An age band (班型).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Band {
    Infant,
    YoungToddler,
    OlderToddler,
    Mixed,
}

impl Band {
    const ALL: [Band; 4] = [
        Band::Infant,
        Band::YoungToddler,
        Band::OlderToddler,
        Band::Mixed,
    ];
    fn key(self) -> &'static str {
        match self {
            Band::Infant => "infant",
            Band::YoungToddler => "young_toddler",
            Band::OlderToddler => "older_toddler",
            Band::Mixed => "mixed",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Band::Infant => "乳儿班（6—12个月）",
            Band::YoungToddler => "托小班（12—24个月）",
            Band::OlderToddler => "托大班（24—36个月）",
            Band::Mixed => "混合编班（18个月以上）",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Band::Infant => "infant class (6–12 months)",
            Band::YoungToddler => "young toddler class (12–24 months)",
            Band::OlderToddler => "older toddler class (24–36 months)",
            Band::Mixed => "mixed class (over 18 months)",
        }
    }
    fn count(self, c: &Children) -> u64 {
        match self {
            Band::Infant => c.infant,
            Band::YoungToddler => c.young_toddler,
            Band::OlderToddler => c.older_toddler,
            Band::Mixed => c.mixed,
        }
    }
    fn size_param(self) -> ParamId {
        match self {
            Band::Infant => ParamId::ClassSizeInfant,
            Band::YoungToddler => ParamId::ClassSizeYoungToddler,
            Band::OlderToddler => ParamId::ClassSizeOlderToddler,
            Band::Mixed => ParamId::ClassSizeMixed,
        }
    }
    fn ratio_param(self) -> ParamId {
        match self {
            Band::Infant => ParamId::CarerRatioInfant,
            Band::YoungToddler => ParamId::CarerRatioYoungToddler,
            Band::OlderToddler => ParamId::CarerRatioOlderToddler,
            Band::Mixed => ParamId::CarerRatioMixed,
        }
    }
}

/// Classes and carers of one band (the default: a band with no children).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BandResult {
    /// Children in the band.
    pub children: u64,
    /// Classes: `ceil(children / max_class_size)`.
    pub classes: u64,
    /// Size of each class, largest first; sizes differ by at most one.
    pub class_sizes: Vec<u64>,
    /// Maximum class size (`null` when the band has no children).
    pub max_class_size: Option<u64>,
    /// Children per carer, the `n` of 1:n (`null` when the band has no children).
    pub carer_ratio: Option<Dec>,
    /// Carers: Σ `ceil(class size / carer_ratio)`.
    pub carers: u64,
}

/// Classes and carers, band by band.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bands {
    /// 乳儿班, 6–12 months.
    pub infant: BandResult,
    /// 托小班, 12–24 months.
    pub young_toddler: BandResult,
    /// 托大班, 24–36 months.
    pub older_toddler: BandResult,
    /// 混合编班, over 18 months.
    pub mixed: BandResult,
}

/// Totals over the bands.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Children.
    pub children: u64,
    /// Classes.
    pub classes: u64,
    /// Carers.
    pub carers: u64,
}

/// Result section `capacity` (SPEC §6). Place figures are `null` without `population`; band
/// figures are `null` without `children`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityResult {
    /// Residents of the area.
    pub population: Option<u64>,
    /// `new` or `old`.
    pub area: Option<Area>,
    /// Places per 1,000 residents used.
    pub k: Option<Dec>,
    /// Places needed: `ceil(population × k / 1000)` (a minimum: 不少于).
    pub places_needed: Option<u64>,
    /// Places that exist.
    pub existing_places: Option<u64>,
    /// `max(0, places_needed − existing_places)`.
    pub shortfall: Option<u64>,
    /// Classes and carers by band.
    pub bands: Option<Bands>,
    /// Totals over the bands.
    pub totals: Option<Totals>,
    /// Whether a full-time health worker is required (children ≥ the threshold).
    pub health_worker_required: Option<bool>,
    /// The number of children from which a full-time health worker is required.
    pub health_worker_threshold: Option<u64>,
    /// The formula with the actual numbers.
    pub steps: Vec<Text>,
    /// Notes.
    pub notes: Vec<Text>,
    /// Warnings (assumed figures used).
    pub warnings: Vec<Text>,
    /// Legal basis.
    pub basis: Vec<Basis>,
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
}

fn param_error(f: &Found<'_>, zh: &str, en: &str) -> Error {
    Error::new(
        &format!("parameters.{}", f.id.as_str()),
        &format!("取值 {} 无法使用：{zh}", f.entry.value.display()),
        &format!("value {} cannot be used: {en}", f.entry.value.display()),
    )
}

/// `ceil(a / b)` for `b > 0`, exact: the smallest whole `c` with `c × b ≥ a`.
///
/// # Errors
/// [`Overflow`], or `b` not positive.
pub fn ceil_div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    if b <= Decimal::ZERO {
        return Err(Overflow);
    }
    let mut c = a.checked_div(b).ok_or(Overflow)?.ceil();
    // Decimal division keeps 28 digits; settle the last one with exact products.
    while c.checked_mul(b).ok_or(Overflow)? < a {
        c = c.checked_add(Decimal::ONE).ok_or(Overflow)?;
    }
    loop {
        let lower = c.checked_sub(Decimal::ONE).ok_or(Overflow)?;
        if lower.checked_mul(b).ok_or(Overflow)? >= a {
            c = lower;
        } else {
            break;
        }
    }
    Ok(c)
}

/// Sizes of `classes` classes holding `children` children, differing by at most one, largest
/// first.
#[must_use]
pub fn spread(children: u64, classes: u64) -> Vec<u64> {
    if classes == 0 {
        return Vec::new();
    }
    let (q, r) = (children / classes, children % classes);
    (0..classes)
        .map(|i| if i < r { q + 1 } else { q })
        .collect()
}

fn to_u64(d: Decimal, path: &str) -> Result<u64, Error> {
    u64::try_from(d).map_err(|_| Error::overflow(path))
}

/// Computes the capacity section.
pub(crate) fn compute(r: &CapacityRequest, ctx: &Ctx<'_>) -> Result<CapacityResult, Error> {
    r.validate()?;
    let date = as_of(ctx)?;
    let mut trace = Trace::new(ctx.explain);
    let mut basis = Vec::new();
    let mut out = CapacityResult {
        population: r.population,
        area: r.area,
        k: None,
        places_needed: None,
        existing_places: None,
        shortfall: None,
        bands: None,
        totals: None,
        health_worker_required: None,
        health_worker_threshold: None,
        steps: Vec::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
        basis: Vec::new(),
        parameters: Vec::new(),
    };
    if let (Some(pop), Some(area)) = (r.population, r.area) {
        basis.push(Basis {
            document: PLAN.to_string(),
            title_en: Some("Kunming Jinning District plan to promote care for children under 3 (draft for comment)".to_string()),
            article: "四（五）".to_string(),
            article_en: Some("section 4(5)".to_string()),
            window: None,
        });
        places(
            pop,
            area,
            r.existing_places.unwrap_or(0),
            date,
            ctx,
            &mut trace,
            &mut out,
        )?;
    }
    if let Some(children) = &r.children {
        basis.push(Basis {
            document: STANDARD.to_string(),
            title_en: Some("Standards for Establishing Childcare Institutions (Trial), NHC Guorenkoufa [2019] No. 58".to_string()),
            article: "第十九条、第二十条".to_string(),
            article_en: Some("arts. 19 and 20".to_string()),
            window: None,
        });
        basis.push(Basis {
            document: "《托儿所幼儿园卫生保健管理办法》（卫生部 教育部令第76号）".to_string(),
            title_en: Some(
                "Measures on health care in nurseries and kindergartens (MOH/MOE Order No. 76)"
                    .to_string(),
            ),
            article: "第十二条".to_string(),
            article_en: Some("art. 12".to_string()),
            window: None,
        });
        carers(children, date, ctx, &mut trace, &mut out)?;
    }
    let explained = trace.explained();
    out.steps = explained.steps;
    out.notes = explained.notes;
    out.warnings = explained.warnings;
    out.basis = basis;
    out.parameters = explained.params;
    Ok(out)
}

fn places(
    pop: u64,
    area: Area,
    existing: u64,
    date: NaiveDate,
    ctx: &Ctx<'_>,
    trace: &mut Trace,
    out: &mut CapacityResult,
) -> Result<(), Error> {
    const P: &str = "capacity.population";
    let id = match area {
        Area::New => ParamId::PlacesNewArea,
        Area::Old => ParamId::PlacesOldArea,
    };
    let kf = ctx.params.at(id, date)?;
    trace.param(&kf);
    let k = kf.decimal();
    let product = Decimal::from(pop).checked_mul(k).or_overflow(P)?;
    let needed = ceil_div(product, Decimal::ONE_THOUSAND).or_overflow(P)?;
    let needed = to_u64(needed, P)?;
    let shortfall = needed.saturating_sub(existing);
    let (area_zh, area_en) = match area {
        Area::New => ("新建居住区", "new residential area"),
        Area::Old => ("老城区和已建成居住区", "old or built-up area"),
    };
    trace.step(|| {
        (
            format!(
                "所需托位 = ⌈人口 {pop} × 每千人口 {} 个（{area_zh}）÷ 1000⌉ = ⌈{}⌉ = {needed}",
                plain(k),
                plain(product / Decimal::ONE_THOUSAND)
            ),
            format!(
                "places needed = ⌈population {pop} × {} per 1,000 ({area_en}) ÷ 1000⌉ = ⌈{}⌉ = {needed}",
                plain(k),
                plain(product / Decimal::ONE_THOUSAND)
            ),
        )
    });
    trace.step(|| {
        (
            format!("托位缺口 = max(0, {needed} − 现有 {existing}) = {shortfall}"),
            format!("shortfall = max(0, {needed} − existing {existing}) = {shortfall}"),
        )
    });
    trace.note(|| match area {
        Area::New => (
            "新建居住区每千人口不少于8个托位，设施作为居住区配套与住宅同步验收、同步交付；所需托位为下限".into(),
            "new residential areas: at least 8 places per 1,000 residents, delivered with the housing; the figure is a minimum".into(),
        ),
        Area::Old => (
            "老城区和已建成居住区无婴幼儿照护服务设施的，应在5年内通过购置、置换、租赁等方式按每千人口不少于6个托位建设；所需托位为下限".into(),
            "old and built-up areas without facilities: at least 6 places per 1,000 residents within 5 years (purchase, exchange, lease, renewal); the figure is a minimum".into(),
        ),
    });
    out.k = Some(Dec(k.normalize()));
    out.places_needed = Some(needed);
    out.existing_places = Some(existing);
    out.shortfall = Some(shortfall);
    Ok(())
}

fn carers(
    c: &Children,
    date: NaiveDate,
    ctx: &Ctx<'_>,
    trace: &mut Trace,
    out: &mut CapacityResult,
) -> Result<(), Error> {
    let mut results = Vec::with_capacity(4);
    let mut totals = Totals {
        children: 0,
        classes: 0,
        carers: 0,
    };
    for band in Band::ALL {
        let b = band_result(band, band.count(c), date, ctx, trace)?;
        let path = format!("capacity.children.{}", band.key());
        let add = |a: u64, b: u64| a.checked_add(b).or_overflow(&path);
        totals.children = add(totals.children, b.children)?;
        totals.classes = add(totals.classes, b.classes)?;
        totals.carers = add(totals.carers, b.carers)?;
        results.push(b);
    }
    let mut it = results.into_iter();
    let mut next = || it.next().unwrap_or_default();
    out.bands = Some(Bands {
        infant: next(),
        young_toddler: next(),
        older_toddler: next(),
        mixed: next(),
    });
    trace.step(|| {
        (
            format!(
                "合计：{} 名婴幼儿，{} 个班，至少 {} 名保育人员",
                totals.children, totals.classes, totals.carers
            ),
            format!(
                "total: {} children, {} classes, at least {} carers",
                totals.children, totals.classes, totals.carers
            ),
        )
    });

    let hf = ctx.params.at(ParamId::HealthWorkerThreshold, date)?;
    trace.param(&hf);
    let threshold = hf.decimal();
    if !threshold.fract().is_zero() {
        return Err(param_error(&hf, "必须是整数", "must be a whole number"));
    }
    let threshold_n = u64::try_from(threshold)
        .map_err(|_| param_error(&hf, "必须是整数", "must be a whole number"))?;
    let required = totals.children >= threshold_n;
    trace.step(|| {
        if required {
            (
                format!(
                    "在托 {} 名 ≥ {threshold_n} 名：应配备专职卫生保健人员",
                    totals.children
                ),
                format!(
                    "{} children ≥ {threshold_n}: a full-time health worker is required",
                    totals.children
                ),
            )
        } else {
            (
                format!(
                    "在托 {} 名 < {threshold_n} 名：可配备专职或兼职卫生保健人员",
                    totals.children
                ),
                format!(
                    "{} children < {threshold_n}: a full- or part-time health worker",
                    totals.children
                ),
            )
        }
    });
    out.totals = Some(totals);
    out.health_worker_required = Some(required);
    out.health_worker_threshold = Some(threshold_n);
    trace.note(|| {
        (
            "保育人员数为按班额和师幼比计算的最低人数；园长、卫生保健、炊事、安保等人员另计".into(),
            "carers are the minimum from class sizes and ratios; the director, health, kitchen and security staff come on top".into(),
        )
    });
    Ok(())
}

fn band_result(
    band: Band,
    children: u64,
    date: NaiveDate,
    ctx: &Ctx<'_>,
    trace: &mut Trace,
) -> Result<BandResult, Error> {
    if children == 0 {
        return Ok(BandResult::default());
    }
    let sf = ctx.params.at(band.size_param(), date)?;
    let rf = ctx.params.at(band.ratio_param(), date)?;
    trace.param(&sf);
    trace.param(&rf);
    let size = sf.decimal();
    if !size.fract().is_zero() || size < Decimal::ONE {
        return Err(param_error(
            &sf,
            "必须是正整数",
            "must be a positive whole number",
        ));
    }
    let max_size = u64::try_from(size)
        .map_err(|_| param_error(&sf, "必须是正整数", "must be a positive whole number"))?;
    let ratio = rf.decimal();
    if ratio <= Decimal::ZERO {
        return Err(param_error(&rf, "必须大于 0", "must be above 0"));
    }
    let path = format!("capacity.children.{}", band.key());
    let classes = children.div_ceil(max_size);
    let sizes = spread(children, classes);
    // Only two distinct sizes: count each once.
    let (q, r) = (children / classes, children % classes);
    let per = |s: u64| -> Result<u64, Error> {
        let c = ceil_div(Decimal::from(s), ratio).or_overflow(&path)?;
        to_u64(c, &path)
    };
    let (big, small) = (per(q + 1)?, per(q)?);
    let carers = big
        .checked_mul(r)
        .and_then(|a| {
            small
                .checked_mul(classes - r)
                .and_then(|b| a.checked_add(b))
        })
        .or_overflow(&path)?;
    let sizes_text = if classes <= 12 {
        sizes
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join("、")
    } else if r > 0 {
        format!("{r}×{} + {}×{q}", q + 1, classes - r)
    } else {
        format!("{classes}×{q}")
    };
    let carers_text = if r > 0 {
        format!(
            "{r} × ⌈{}/{}⌉ + {} × ⌈{q}/{}⌉ = {r} × {big} + {} × {small}",
            q + 1,
            plain(ratio),
            classes - r,
            plain(ratio),
            classes - r
        )
    } else {
        format!("{classes} × ⌈{q}/{}⌉ = {classes} × {small}", plain(ratio))
    };
    trace.step(|| {
        (
            format!(
                "{}：{children} 名 ÷ 班额上限 {max_size} → {classes} 个班（每班 {sizes_text} 名）；保育人员（1:{}）= {carers_text} = {carers}",
                band.zh(),
                plain(ratio)
            ),
            format!(
                "{}: {children} children ÷ max class size {max_size} → {classes} {} ({sizes_text}); carers (1:{}) = {carers_text} = {carers}",
                band.en(),
                if classes == 1 { "class" } else { "classes" },
                plain(ratio)
            ),
        )
    });
    if band == Band::Mixed {
        trace.warn(|| {
            (
                format!("混合编班的保育人员比例在《托育机构设置标准（试行）》第二十条中未规定，按 1:{} 假设计算", plain(ratio)),
                format!("the mixed-class carer ratio is not set by art.20 of the 2019 standard: 1:{} is an assumption", plain(ratio)),
            )
        });
    }
    Ok(BandResult {
        children,
        classes,
        class_sizes: sizes,
        max_class_size: Some(max_size),
        carer_ratio: Some(Dec(ratio.normalize())),
        carers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceil_div_is_exact() {
        let d = |x: i64| Decimal::from(x);
        assert_eq!(ceil_div(d(9), d(3)).unwrap(), d(3));
        assert_eq!(ceil_div(d(10), d(3)).unwrap(), d(4));
        assert_eq!(ceil_div(d(0), d(7)).unwrap(), d(0));
        assert_eq!(ceil_div(d(282000), d(1000)).unwrap(), d(282));
        assert_eq!(ceil_div(d(282001), d(1000)).unwrap(), d(283));
        assert!(ceil_div(d(1), d(0)).is_err());
    }

    #[test]
    fn spread_differs_by_at_most_one() {
        assert_eq!(spread(23, 3), vec![8, 8, 7]);
        assert_eq!(spread(20, 2), vec![10, 10]);
        assert_eq!(spread(0, 0), Vec::<u64>::new());
    }
}
