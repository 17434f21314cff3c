//! `vat_exemption` — 增值税免征.
//!
//! > 一、为社区提供养老、托育、家政等服务的机构，按照以下规定享受税费优惠政策：
//! > （一）提供社区养老、托育、家政服务取得的收入，免征增值税。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Revenue from community childcare is exempt from VAT.* The line values the VAT that would be
//! payable on the eligible revenue `R` without the exemption (SPEC §4.1).

use super::{count, months_label, pct, plain, yuan, Ctx, ForText, LineId, LineOut, Repeat};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::Exact;
use crate::params::Confidence;
use crate::params::ParamId;
use crate::request::{Amount, VatKind, VatPeriod};
use crate::statement::Status;
use rust_decimal::Decimal;
/// What `vat_exemption` computes, on which article (`tuoyu explain vat_exemption`).
pub(crate) const DOC: LineDoc = LineDoc {
    article: "一（一） / art.1(1)",
    quote_zh: "提供社区养老、托育、家政服务取得的收入，免征增值税。",
    quote_en: "Income from providing community elderly-care, childcare and domestic services is exempt from VAT.",
    computes_zh: "按未免税时应缴的增值税计算免税额；base = R（免税销售额）",
    computes_en: "The VAT that would be payable on the eligible revenue R without the exemption; base = R (exempt sales).",
    formula: "general: max(0, R × r / (1 + r) − input × eligible months / 12), r = national.vat.general_rate\nsmall scale, per eligible month: sales = (childcare + other) / (1 + c); under the monthly threshold → 0, else childcare × c / (1 + c)",
};

/// How the VAT exemption is claimed. The VAT procedure for this item was not found
/// (docs/RESEARCH.md §1.1): the general practice is written down, marked unverified.
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "按月（季）申报增值税时，将社区托育服务收入作为免税销售额填报（增值税及附加税费申报表、减免税申报明细表），附加税费随之免征；托育服务资质、社区固定场所证明和收入分开核算的资料留存备查。具体办理程序未查到原文，以主管税务机关要求为准。",
    en: "On each VAT return, report the community childcare revenue as exempt sales (the return and its schedule of exemptions); the surcharges fall away with it. Keep the service qualification, proof of the community premises and the separate revenue accounts for inspection. The procedure for this item was not found in the texts: ask the tax office.",
    document: "财政部 税务总局 国家发展改革委 民政部 商务部 国家卫生健康委公告2026年第7号",
    title_en: "MOF/STA/NDRC/MCA/MOFCOM/NHC Announcement No. 7 of 2026 (community services preferences extended)",
    article: "第一条第（一）项（无办理程序条款）",
    article_en: "art. 1(1) (no procedure clause)",
    url: None,
    url_note: Some("公告2026年第7号无办理程序条款，办理程序的原文未找到，无网址（docs/RESEARCH.md §1.1） / Announcement No. 7 of 2026 has no procedure clause and no text of the procedure was found: no address (docs/RESEARCH.md §1.1)"),
    confidence: Confidence::Unverified,
};

/// What the surcharge line needs from the VAT line.
#[derive(Debug, Clone)]
pub(crate) struct VatDetail {
    /// Kind of taxpayer.
    pub kind: VatKind,
    /// The exact VAT of the whole year (after the floor at 0).
    pub total: Exact,
    /// Month by month for small-scale taxpayers, each taxed month's VAT as an exact fraction
    /// `(num, den)`.
    pub monthly: Option<[Option<(Decimal, Decimal)>; 12]>,
}

const PATH: &str = "revenue.childcare";

/// Eligible community childcare revenue `R` (exact): eligible months of an annual amount, or the
/// eligible months of a monthly array.
pub(crate) fn eligible_revenue(ctx: &Ctx<'_>, a: &Amount) -> Result<Exact, Error> {
    match a {
        Amount::Annual(c) => {
            let num = c
                .checked_mul(Decimal::from(ctx.eligible_months))
                .or_overflow(PATH)?;
            Exact::frac(num, Decimal::from(12)).or_overflow(PATH)
        }
        Amount::Monthly(_) => {
            let mut r = Exact::zero();
            for m in 0..12 {
                if ctx.eligible[m] {
                    let (num, den) = a.month(m);
                    r.add_frac(num, den).or_overflow(PATH)?;
                }
            }
            Ok(r)
        }
    }
}

/// The VAT line. `ctx` is the VAT context: the community one, or [`Ctx::for_vat_law`]'s for a
/// declared nursery (SPEC §12.2), which the surcharge line then uses too.
pub(crate) fn line(ctx: &Ctx<'_>) -> Result<(LineOut, Option<Box<VatDetail>>), Error> {
    let (mut out, sales) = exempt_sales(ctx)?;
    let detail = match sales {
        Some(sales) => Some(Box::new(vat_exempted(ctx, sales, &mut out)?)),
        None => None,
    };
    ctx.vat_law_explanation(&mut out);
    if ctx.vat_law.as_ref().is_none_or(|l| l.community) {
        ctx.filing_warning(&mut out);
    }
    ctx.vat_law_note(&mut out);
    Ok((out, detail))
}

/// The line as far as its base `R`, the exempt sales: what a claim's `vat_exempt_sales` is
/// compared with (claim verification; the VAT itself is not computed).
pub(crate) fn base(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    Ok(exempt_sales(ctx)?.0)
}

/// What the VAT is computed from, once the line applies and its inputs are there.
struct ExemptSales<'r> {
    rev: &'r crate::request::Revenue,
    childcare: &'r Amount,
    /// `R`, the eligible childcare revenue (exact; its value is only divided out for the
    /// explanation, not on verification's path).
    r: Exact,
    kind: VatKind,
}

/// The line up to its base: the revenue, the community gate (not on the VAT Law basis, SPEC
/// §12.2), `R` as the line's base, and the kind of taxpayer the VAT depends on.
fn exempt_sales<'r>(ctx: &Ctx<'r>) -> Result<(LineOut, Option<ExemptSales<'r>>), Error> {
    let mut out = LineOut::new(LineId::VatExemption, ctx.explain);
    out.trace.basis_if_empty(|| ctx.vat_basis());
    let Some(rev) = &ctx.req.revenue else {
        let out = out.not_applicable(
            "请求中没有收入（revenue）部分",
            "the request has no revenue section",
        );
        return Ok((out, None));
    };
    if ctx.vat_law.is_none() && !ctx.gate(&mut out) {
        return Ok((out, None));
    }
    let Some(childcare) = &rev.childcare else {
        out.mark_missing("revenue.childcare");
        return Ok((out, None));
    };
    let r = eligible_revenue(ctx, childcare)?;
    out.base = Some(r.rounded().or_overflow(PATH)?);
    let Some(kind) = ctx.req.taxpayer.as_ref().and_then(|t| t.vat) else {
        out.mark_missing("taxpayer.vat");
        return Ok((out, None));
    };
    let sales = ExemptSales {
        rev,
        childcare,
        r,
        kind,
    };
    Ok((out, Some(sales)))
}

/// The VAT the exemption saves on `R`.
fn vat_exempted(
    ctx: &Ctx<'_>,
    sales: ExemptSales<'_>,
    out: &mut LineOut,
) -> Result<VatDetail, Error> {
    let ExemptSales {
        rev,
        childcare,
        r,
        kind,
    } = sales;
    let eligible_months = ctx.eligible_months;
    out.trace.try_step(|| {
        // Only the explanation shows `R` unrounded. Its denominators are 1 and 12
        // (`Amount::month`): once `rounded` has combined them, dividing cannot overflow, so this
        // refuses nothing that `exempt_sales` accepted.
        let r_value = r.value().or_overflow(PATH)?;
        let (mz, me) = months_label(&ctx.eligible);
        Ok::<_, Error>((
            format!("免税销售额 R = 优惠执行期内（{mz}，{eligible_months}个月）的社区托育收入 = {}", yuan(r_value)),
            format!("Exempt sales R = community childcare revenue of the months in force ({me}, {eligible_months} months) = {}", yuan(r_value)),
        ))
    })?;
    out.trace.note(|| {
        (
            // The field by its label (crate::frontend::labels), which a page can link to the field.
            "社区托育服务收入（3周岁及以下）应只包含为3周岁（含）以下婴幼儿提供照料、看护、膳食、保育等服务的收入；本程序无法核对，请自行确认".into(),
            "Community childcare revenue (aged 3 and under) must hold only revenue from care, supervision, meals and nurturing of children aged 3 or under; the program cannot check this".into(),
        )
    });
    let detail = match kind {
        VatKind::General => general(ctx, rev, childcare, out)?,
        VatKind::SmallScale if quarterly(ctx) => small_scale_quarterly(ctx, rev, childcare, out)?,
        VatKind::SmallScale => small_scale(ctx, rev, childcare, out)?,
    };
    out.set_amount(&detail.total, PATH)?;
    if out.amount.is_zero() && out.status == Status::Applies && out.trace.notes_len() < 2 {
        out.trace.note_zero(|| {
            (
                "免税收入为0，本年没有可免的增值税".into(),
                "there is no exempt revenue, so no VAT to exempt".into(),
            )
        });
    }
    Ok(detail)
}

/// General taxpayer: `R × r / (1 + r) − input × eligible months / 12`, not below 0.
fn general(
    ctx: &Ctx<'_>,
    rev: &crate::request::Revenue,
    childcare: &Amount,
    out: &mut LineOut,
) -> Result<VatDetail, Error> {
    let mut vat = Exact::zero();
    // The rates met, for the steps.
    let mut rates: ForText<Vec<Decimal>> = ForText::new(&out.trace);
    ctx.by_entry(ParamId::VatGeneralRate, childcare, |f, num, den| {
        out.trace.param(&f);
        let r = f.decimal();
        rates.gather(|rates| {
            if !rates.contains(&r) {
                rates.push(r);
            }
            Ok::<_, Error>(())
        })?;
        let num = num.checked_mul(r).or_overflow(PATH)?;
        let den = den.checked_mul(Decimal::ONE + r).or_overflow(PATH)?;
        vat.add_frac(num, den).or_overflow(PATH)
    })?;
    let gross = vat;
    let input = rev.input_vat_on_childcare.map(|d| d.0);
    let input_v = input.unwrap_or_default();
    let eligible_months = Decimal::from(ctx.eligible_months);
    vat.add_frac(
        -(input_v.checked_mul(eligible_months).or_overflow(PATH)?),
        Decimal::from(12),
    )
    .or_overflow(PATH)?;
    let negative = vat.is_negative().or_overflow(PATH)?;
    out.trace
        .explain(|trace| explain_general(ctx, trace, &gross, &vat, rates.value(), input_v))?;
    if input.is_none() {
        out.trace.warn(|| {
            (
                "未填写托育服务对应的进项税额：免税项目不得抵扣进项，本金额为上限".into(),
                "no input VAT on childcare given: exempt sales lose their input credit, so this value is an upper bound".into(),
            )
        });
    }
    if negative {
        vat = Exact::zero();
        out.trace.note_zero(|| {
            (
                "进项税额超过销项税额，免税价值按0计".into(),
                "input VAT exceeds output VAT: the exemption is worth 0".into(),
            )
        });
    }
    Ok(VatDetail {
        kind: VatKind::General,
        total: vat,
        monthly: None,
    })
}

/// The two steps of the general VAT (they divide for the text).
fn explain_general(
    ctx: &Ctx<'_>,
    trace: &mut super::Trace,
    gross: &Exact,
    vat: &Exact,
    rates: &[Decimal],
    input_v: Decimal,
) -> Result<(), Error> {
    let gross_v = gross.value().or_overflow(PATH)?;
    let net_v = vat.value().or_overflow(PATH)?;
    trace.step(|| {
        let rate_txt = rates.iter().map(|r| pct(*r)).collect::<Vec<_>>().join("/");
        (
            format!(
                "销项税额 = R × {rate_txt} ÷ (1 + {rate_txt}) = {}",
                yuan(gross_v)
            ),
            format!(
                "Output VAT = R × {rate_txt} ÷ (1 + {rate_txt}) = {}",
                yuan(gross_v)
            ),
        )
    });
    trace.step(|| {
        (
            format!(
                "应纳增值税 = 销项税额 − 托育收入对应进项税额 {} × {}/12 = {}",
                plain(input_v),
                ctx.eligible_months,
                yuan(net_v)
            ),
            format!(
                "VAT payable = output VAT − input VAT on childcare {} × {}/12 = {}",
                plain(input_v),
                ctx.eligible_months,
                yuan(net_v)
            ),
        )
    });
    Ok(())
}

/// Small-scale taxpayer, month by month: a month whose sales are under the threshold would be
/// exempt anyway; otherwise its childcare revenue × c / (1 + c).
fn small_scale(
    ctx: &Ctx<'_>,
    rev: &crate::request::Revenue,
    childcare: &Amount,
    out: &mut LineOut,
) -> Result<VatDetail, Error> {
    let mut total = Exact::zero();
    let mut monthly: [Option<(Decimal, Decimal)>; 12] = [None; 12];
    let mut taxed = [false; 12];
    let mut exempt_anyway = [false; 12];
    // (rate, taxable childcare revenue, VAT) per distinct levy rate, for the steps.
    let mut groups: ForText<Vec<(Decimal, Exact, Exact)>> = ForText::new(&out.trace);
    let mut rule: Option<SmallScaleRule<'_>> = None;
    // An annual amount gives the same month twelve times: worked out once per rule.
    let mut memo = Repeat::new();
    for m in 0..12 {
        if !ctx.eligible[m] {
            continue;
        }
        let d = super::month_start(ctx.year, m);
        let rule = match rule.take() {
            Some(r) if r.covers(d) => rule.insert(r),
            _ => {
                memo.clear();
                rule.insert(SmallScaleRule::at(ctx, d, out)?)
            }
        };
        let childcare_m = childcare.month(m);
        let other_m = rev
            .other
            .as_ref()
            .map_or((Decimal::ZERO, Decimal::ONE), |o| o.month(m));
        let key = [
            childcare_m.0.serialize(),
            childcare_m.1.serialize(),
            other_m.0.serialize(),
            other_m.1.serialize(),
        ];
        match memo.get_or_try_insert_with(key, || rule.month(childcare_m, other_m))? {
            None => exempt_anyway[m] = true,
            Some((num, den)) => {
                taxed[m] = true;
                total.add_frac(num, den).or_overflow(PATH)?;
                monthly[m] = Some((num, den));
                let c = rule.rate.decimal();
                groups.gather(|groups| {
                    let g = match groups.iter_mut().find(|g| g.0 == c) {
                        Some(g) => g,
                        None => {
                            groups.push((c, Exact::zero(), Exact::zero()));
                            groups.last_mut().or_overflow(PATH)?
                        }
                    };
                    g.1.add_frac(childcare_m.0, childcare_m.1)
                        .or_overflow(PATH)?;
                    g.2.add_frac(num, den).or_overflow(PATH)
                })?;
            }
        }
    }
    out.trace.explain(|trace| {
        for (c, base, vat) in groups.value() {
            let (b, v) = (
                base.value().or_overflow(PATH)?,
                vat.value().or_overflow(PATH)?,
            );
            trace.step(|| {
                (
                    format!(
                        "征收率 {} 的应税月份：托育收入 {} × {} ÷ (1 + {}) = {}",
                        pct(*c),
                        yuan(b),
                        pct(*c),
                        pct(*c),
                        yuan(v)
                    ),
                    format!(
                        "Months taxed at {}: childcare revenue {} × {} ÷ (1 + {}) = {}",
                        pct(*c),
                        yuan(b),
                        pct(*c),
                        pct(*c),
                        yuan(v)
                    ),
                )
            });
        }
        let tv = total.value().or_overflow(PATH)?;
        let (tz, te) = months_label(&taxed);
        trace.step(|| {
            (
                format!(
                    "应税月份 {tz}（{}个月）合计增值税 = {}",
                    count(&taxed),
                    yuan(tv)
                ),
                format!(
                    "Months above the threshold: {te} ({}), VAT in all = {}",
                    count(&taxed),
                    yuan(tv)
                ),
            )
        });
        if count(&exempt_anyway) > 0 {
            let (xz, xe) = months_label(&exempt_anyway);
            trace.note_zero(|| {
                (
                    format!("{xz} 的销售额未超过小规模纳税人月起征点/免征额，本来就免征增值税，这些月份按0计"),
                    format!("{xe}: monthly sales under the small-scale threshold would be exempt anyway; counted as 0"),
                )
            });
        }
        trace.note(|| {
            (
                "按月申报：起征点按月判断（按季申报的，请将增值税纳税期限设为按季申报）".into(),
                "filed by month: the threshold is tested month by month (a facility filing by quarter sets the VAT filing period to quarterly)".into(),
            )
        });
        Ok(())
    })?;
    Ok(VatDetail {
        kind: VatKind::SmallScale,
        total,
        monthly: Some(monthly),
    })
}

/// The small-scale rule in force on a day: the levy rate `c`, the monthly threshold `T` and
/// whether a month at `T` is under it, with `1 + c` and the limit they give.
struct SmallScaleRule<'a> {
    rate: crate::params::Found<'a>,
    threshold: crate::params::Found<'a>,
    inclusive: crate::params::Found<'a>,
    one_plus_c: Decimal,
    /// A month's sales are `gross / 12 / (1 + c)`, tested against `T`: so its sales incl. tax
    /// × 12 are tested against `T × 12 × (1 + c)`.
    limit: Decimal,
}

impl<'a> SmallScaleRule<'a> {
    /// The rule in force on `day` (its parameters recorded in `out`'s explanation).
    fn at(ctx: &Ctx<'a>, day: chrono::NaiveDate, out: &mut LineOut) -> Result<Self, Error> {
        let rate = ctx.params.at(ParamId::VatSmallScaleLevyRate, day)?;
        let threshold = ctx.params.at(ParamId::VatSmallScaleThreshold, day)?;
        let inclusive = ctx
            .params
            .at(ParamId::VatSmallScaleThresholdInclusive, day)?;
        out.trace.param(&rate);
        out.trace.param(&threshold);
        out.trace.param(&inclusive);
        let one_plus_c = Decimal::ONE.checked_add(rate.decimal()).or_overflow(PATH)?;
        let limit = threshold
            .decimal()
            .checked_mul(Decimal::from(12))
            .and_then(|x| x.checked_mul(one_plus_c))
            .or_overflow(PATH)?;
        Ok(SmallScaleRule {
            rate,
            threshold,
            inclusive,
            one_plus_c,
            limit,
        })
    }

    /// Whether all three parameters are still in force on `day`.
    fn covers(&self, day: chrono::NaiveDate) -> bool {
        self.rate.entry.covers(day)
            && self.threshold.entry.covers(day)
            && self.inclusive.entry.covers(day)
    }

    /// A month, from its childcare and other revenue (each the month's share `num / den`):
    /// `None` when its sales are under the threshold (at it, too, when the threshold is
    /// inclusive) — exempt anyway —, otherwise its VAT `childcare × c / (1 + c)` as a fraction.
    fn month(
        &self,
        (childcare_num, childcare_den): (Decimal, Decimal),
        (other_num, other_den): (Decimal, Decimal),
    ) -> Result<Option<(Decimal, Decimal)>, Error> {
        // The month's sales incl. tax × 12.
        let gross = times_twelve(childcare_num, childcare_den)
            .and_then(|a| times_twelve(other_num, other_den).and_then(|b| a.checked_add(b)))
            .or_overflow(PATH)?;
        let under = if self.inclusive.flag() {
            gross <= self.limit
        } else {
            gross < self.limit
        };
        if under {
            return Ok(None);
        }
        let num = childcare_num
            .checked_mul(self.rate.decimal())
            .or_overflow(PATH)?;
        let den = childcare_den
            .checked_mul(self.one_plus_c)
            .or_overflow(PATH)?;
        Ok(Some((num, den)))
    }
}

/// A month's share `num / den` × 12 (`den` is 12 for an annual amount, 1 for a monthly one): no
/// division in the usual cases.
fn times_twelve(num: Decimal, den: Decimal) -> Option<Decimal> {
    let twelve = Decimal::from(12);
    if den == twelve {
        Some(num)
    } else if den == Decimal::ONE {
        num.checked_mul(twelve)
    } else {
        num.checked_mul(twelve.checked_div(den)?)
    }
}

/// Whether the small-scale threshold is tested by quarter (SPEC §12.1).
fn quarterly(ctx: &Ctx<'_>) -> bool {
    ctx.req
        .taxpayer
        .as_ref()
        .and_then(|t| t.vat_period)
        .unwrap_or_default()
        == VatPeriod::Quarter
}

/// Small-scale taxpayer filing by quarter (SPEC §12.1): a quarter's sales are its three months'
/// childcare and other revenue, each over `1 + c` of its month — all three months, eligible or
/// not, as the threshold is not a community preference. A quarter at or under the quarterly
/// threshold (under it while the threshold is not inclusive, both read on the quarter's last
/// day) would be exempt anyway and adds 0; otherwise each eligible month of the quarter adds its
/// childcare revenue × c / (1 + c), as month by month. Exact throughout: the test compares the
/// exact sum of fractions with the threshold.
fn small_scale_quarterly(
    ctx: &Ctx<'_>,
    rev: &crate::request::Revenue,
    childcare: &Amount,
    out: &mut LineOut,
) -> Result<VatDetail, Error> {
    let mut total = Exact::zero();
    let mut monthly: [Option<(Decimal, Decimal)>; 12] = [None; 12];
    let mut taxed = [false; 12];
    for q in 0..4 {
        let months = 3 * q..3 * q + 3;
        if !months.clone().any(|m| ctx.eligible[m]) {
            continue;
        }
        let last_day = super::month_end(ctx.year, 3 * q + 2);
        let tf = ctx
            .params
            .at(ParamId::VatSmallScaleThresholdQuarterly, last_day)?;
        let inc = ctx
            .params
            .at(ParamId::VatSmallScaleThresholdInclusive, last_day)?;
        out.trace.param(&tf);
        out.trace.param(&inc);
        // threshold − sales, exact: its sign decides.
        let mut room = Exact::of(tf.decimal());
        let mut rates = [Decimal::ZERO; 3];
        for (i, m) in months.clone().enumerate() {
            let cf = ctx.params.at(
                ParamId::VatSmallScaleLevyRate,
                super::month_start(ctx.year, m),
            )?;
            if ctx.eligible[m] {
                out.trace.param(&cf);
            }
            let one_plus_c = Decimal::ONE.checked_add(cf.decimal()).or_overflow(PATH)?;
            rates[i] = cf.decimal();
            let (cn, cd) = childcare.month(m);
            let (on, od) = rev
                .other
                .as_ref()
                .map_or((Decimal::ZERO, Decimal::ONE), |o| o.month(m));
            for (num, den) in [(cn, cd), (on, od)] {
                let den = den.checked_mul(one_plus_c).or_overflow(PATH)?;
                room.add_frac(-num, den).or_overflow(PATH)?;
            }
        }
        let sign = room.sign().or_overflow(PATH)?;
        let under = match sign {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => inc.flag(),
            std::cmp::Ordering::Less => false,
        };
        // The quarter's sales (threshold − room), for the explanation only.
        let sales = || -> Result<Decimal, Error> {
            let mut s = Exact::of(tf.decimal());
            s.add(&room.times(Decimal::NEGATIVE_ONE).or_overflow(PATH)?)
                .or_overflow(PATH)?;
            s.value().or_overflow(PATH)
        };
        if under {
            out.trace.try_note_zero(|| {
                let s = sales()?;
                let t = tf.decimal();
                let word_zh = if inc.flag() { "未超过" } else { "低于" };
                let word_en = if inc.flag() { "at or under" } else { "under" };
                Ok::<_, Error>((
                    format!(
                        "第{}季度销售额 {} {word_zh}季度起征点/免征额 {}，本来就免征增值税，该季度按0计",
                        q + 1,
                        yuan(s),
                        plain(t)
                    ),
                    format!(
                        "Q{}: quarterly sales {} are {word_en} the quarterly threshold {}, exempt anyway: counted as 0",
                        q + 1,
                        yuan(s),
                        plain(t)
                    ),
                ))
            })?;
            continue;
        }
        let mut quarter_vat = Exact::zero();
        for (i, m) in months.enumerate() {
            if !ctx.eligible[m] {
                continue;
            }
            let c = rates[i];
            let (cn, cd) = childcare.month(m);
            let num = cn.checked_mul(c).or_overflow(PATH)?;
            let den = cd
                .checked_mul(Decimal::ONE.checked_add(c).or_overflow(PATH)?)
                .or_overflow(PATH)?;
            total.add_frac(num, den).or_overflow(PATH)?;
            quarter_vat.add_frac(num, den).or_overflow(PATH)?;
            monthly[m] = Some((num, den));
            taxed[m] = true;
        }
        out.trace.try_step(|| {
            let (s, v) = (sales()?, quarter_vat.value().or_overflow(PATH)?);
            let t = tf.decimal();
            Ok::<_, Error>((
                    format!(
                        "第{}季度销售额 {} 超过季度起征点 {}：该季度优惠期内各月托育收入 × 征收率 ÷ (1 + 征收率) = {}",
                        q + 1,
                        yuan(s),
                        plain(t),
                        yuan(v)
                    ),
                    format!(
                        "Q{}: quarterly sales {} are above the quarterly threshold {}: the quarter's months in force, childcare revenue × levy rate ÷ (1 + levy rate) = {}",
                        q + 1,
                        yuan(s),
                        plain(t),
                        yuan(v)
                    ),
                ))
            })?;
    }
    out.trace.try_step(|| {
        let tv = total.value().or_overflow(PATH)?;
        let (tz, te) = months_label(&taxed);
        Ok::<_, Error>((
            format!(
                "按季申报：应税月份 {tz}（{}个月）合计增值税 = {}",
                count(&taxed),
                yuan(tv)
            ),
            format!(
                "Filed by quarter: taxed months {te} ({}), VAT in all = {}",
                count(&taxed),
                yuan(tv)
            ),
        ))
    })?;
    Ok(VatDetail {
        kind: VatKind::SmallScale,
        total,
        monthly: Some(monthly),
    })
}
