//! `property_tax` and `property_tax_leased` — 房产税免征.
//!
//! > 二、为社区提供养老、托育、家政等服务的机构自有或其通过承租、无偿使用等方式取得并用于提供
//! > 社区养老、托育、家政服务的房产、土地，免征房产税、城镇土地使用税。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Buildings owned, leased or used free of charge for community childcare are exempt from
//! property tax.* Owned and free-use buildings: the facility pays on the residual value
//! (`original × (1 − deduction) × 1.2%`), halved for a small taxpayer; leased buildings: the
//! landlord pays 12% of the rent, never halved (SPEC §4.4).

use super::{count, months_label, pct, plain, yuan, Ctx, LineId, LineOut};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::Exact;
use crate::params::Confidence;
use crate::params::ParamId;
use crate::request::Tenure;
use rust_decimal::Decimal;
/// What `property_tax` computes, on which article (`tuoyu explain property_tax`).
pub(crate) const DOC: LineDoc = LineDoc {
    article: "二 / art.2",
    quote_zh: "为社区提供养老、托育、家政等服务的机构自有或其通过承租、无偿使用等方式取得并用于提供社区养老、托育、家政服务的房产、土地，免征房产税、城镇土地使用税。",
    quote_en: "Buildings and land that institutions providing community elderly-care, childcare, domestic and similar services own, or obtain by lease, free use or similar means, and use to provide community elderly-care, childcare and domestic services are exempt from property tax and urban land use tax.",
    computes_zh: "自有、无偿使用房产的房产税（从价计征）",
    computes_en: "Property tax on owned and free-use buildings (on the residual value).",
    formula: "Σ original value × (1 − yunnan.property_tax.deduction_ratio) × national.property_tax.residual_rate × months / 12 × (1 − yunnan.small_scale_reduction / yunnan.slpe_reduction for a small taxpayer)",
};

/// What `property_tax_leased` computes, on which article (`tuoyu explain property_tax_leased`).
pub(crate) const DOC_LEASED: LineDoc = LineDoc {
    article: "二 / art.2",
    quote_zh: "……通过承租……取得并用于提供社区养老、托育、家政服务的房产……免征房产税。",
    quote_en: "… buildings … obtained by lease … and used to provide community elderly-care, childcare and domestic services … are exempt from property tax.",
    computes_zh: "承租房产的房产税（出租方为纳税人，受益人为出租方；不减半）",
    computes_en: "Property tax on leased buildings (the landlord is the taxpayer and saves it; never halved).",
    formula: "Σ annual rent × national.property_tax.rent_rate × months / 12",
};

/// How the property tax exemption is claimed (general practice, unverified).
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "房产税申报时填报减免税（自有、无偿使用的由机构申报；承租的由出租方申报享受），房产用于社区托育的证明留存备查。具体办理程序未查到原文，以主管税务机关要求为准。",
    en: "Report the exemption on the property tax return (the facility for owned or free-use buildings; the landlord for leased ones); keep proof that the building is used for community childcare. The procedure was not found in the texts: ask the tax office.",
    document: "财政部 税务总局 国家发展改革委 民政部 商务部 国家卫生健康委公告2026年第7号",
    title_en: "MOF/STA/NDRC/MCA/MOFCOM/NHC Announcement No. 7 of 2026 (community services preferences extended)",
    article: "第二条（无办理程序条款）",
    article_en: "art. 2 (no procedure clause)",
    url: None,
    url_note: Some("公告2026年第7号无办理程序条款，办理程序的原文未找到，无网址（docs/RESEARCH.md §1.1） / Announcement No. 7 of 2026 has no procedure clause and no text of the procedure was found: no address (docs/RESEARCH.md §1.1)"),
    confidence: Confidence::Unverified,
};

const PATH: &str = "properties";

/// An item of a property or land line: its index, counted months and values.
#[derive(Clone, Copy, Default)]
pub(crate) struct Item {
    pub index: usize,
    pub months: [bool; 12],
}

/// The items of a line that touch the year: the first few inline (a request has one or two
/// buildings or plots; verification runs this for every claim), the rest on the heap.
#[derive(Default)]
pub(crate) struct Items {
    inline: [Item; 4],
    len: usize,
    heap: Vec<Item>,
}

impl Items {
    fn push(&mut self, item: Item) {
        if self.heap.is_empty() && self.len < self.inline.len() {
            self.inline[self.len] = item;
            self.len += 1;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.inline[..self.len]);
            }
            self.heap.push(item);
        }
    }
}

impl std::ops::Deref for Items {
    type Target = [Item];
    fn deref(&self) -> &[Item] {
        if self.heap.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }
}

/// Common status logic of the property and land lines (SPEC §11): no item touching the year →
/// `not_applicable`; items touching it but no counted month → `not_in_force`; then the
/// eligibility gate. Returns the items that touch the year, or `None` when the status is set.
pub(crate) fn gate_items(
    ctx: &Ctx<'_>,
    out: &mut LineOut,
    what: (&str, &str),
    items: impl Iterator<Item = (usize, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)>,
) -> Option<Items> {
    let mut any = false;
    let mut touching = Items::default();
    for (index, from, to) in items {
        any = true;
        if let Some(months) = ctx.use_months(from, to) {
            touching.push(Item { index, months });
        }
    }
    if !any {
        out.not_applicable_because(|| {
            (
                format!("请求中没有{}", what.0),
                format!("the request has no {}", what.1),
            )
        });
        return None;
    }
    if touching.is_empty() {
        out.not_applicable_because(|| {
            (
                format!("{}的使用期间均不在{}年内", what.0, ctx.year),
                format!("no {} is used in {}", what.1, ctx.year),
            )
        });
        return None;
    }
    if touching.iter().all(|i| count(&i.months) == 0) {
        ctx.not_in_force(out, None);
        return None;
    }
    if !ctx.failed.is_empty() {
        ctx.not_eligible(out);
        return None;
    }
    Some(touching)
}

fn restore_basis(ctx: &Ctx<'_>, out: &mut LineOut) {
    out.trace.basis_if_empty(|| ctx.basis_for("二"));
}

pub(crate) fn owned(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let mut out = ctx.community_line(LineId::PropertyTax, "二");
    let props = &ctx.req.properties;
    let items = props
        .iter()
        .enumerate()
        .filter(|(_, p)| p.tenure != Some(Tenure::Leased))
        .map(|(i, p)| (i, p.used_from, p.used_to));
    if let Some(items) = gate_items(
        ctx,
        &mut out,
        ("自有或无偿使用的房产", "owned or free-use property"),
        items,
    ) {
        compute_owned(ctx, &mut out, &items)?;
    }
    restore_basis(ctx, &mut out);
    ctx.filing_warning(&mut out);
    Ok(out)
}

fn compute_owned(ctx: &Ctx<'_>, out: &mut LineOut, items: &[Item]) -> Result<(), Error> {
    let props = &ctx.req.properties;
    for it in items {
        let property = &props[it.index];
        if property.tenure.is_none() {
            out.mark_missing(&format!("properties[{}].tenure", it.index));
        }
        if property.original_value.is_none() {
            out.mark_missing(&format!("properties[{}].original_value", it.index));
        }
    }
    if out.status != crate::statement::Status::Applies {
        return Ok(());
    }
    let d = ctx.ref_date();
    let ded = ctx.params.at(ParamId::PropertyDeductionRatio, d)?;
    let rate = ctx.params.at(ParamId::PropertyResidualRate, d)?;
    out.trace.param(&ded);
    out.trace.param(&rate);
    let factor = (Decimal::ONE - ded.decimal())
        .checked_mul(rate.decimal())
        .or_overflow(PATH)?;
    let mut total = Exact::zero();
    // The months of the items that took the reduction (for its warning).
    let mut reduced = [false; 12];
    for it in items {
        let property = &props[it.index];
        let original_value = property.original_value.map(|d| d.0).unwrap_or_default();
        let k = count(&it.months);
        if k == 0 {
            out.trace.note(|| {
                (
                    format!("房产 {} 在优惠执行期内没有使用月份，计0", it.index + 1),
                    format!("Building {} has no month in force: adds 0", it.index + 1),
                )
            });
            continue;
        }
        let keep = ctx.keep_share(&it.months, &mut out.trace);
        reduced
            .iter_mut()
            .zip(&it.months)
            .for_each(|(r, m)| *r |= m);
        let num = original_value
            .checked_mul(factor)
            .and_then(|x| x.checked_mul(keep))
            .or_overflow(PATH)?;
        let v = Exact::frac(num, Decimal::from(12)).or_overflow(PATH)?;
        total.add(&v).or_overflow(PATH)?;
        out.trace.try_step(|| {
            let vv = v.value().or_overflow(PATH)?;
            let (mz, me) = months_label(&it.months);
            let half = ctx.reduced_in(&it.months);
            Ok::<_, Error>((
                format!(
                    "房产 {}：原值 {} × (1 − {}) × {} × {}/12（{mz}）{} = {}",
                    it.index + 1,
                    plain(original_value),
                    pct(ded.decimal()),
                    pct(rate.decimal()),
                    k,
                    if half {
                        " × (1 − 六税两费减征)"
                    } else {
                        ""
                    },
                    yuan(vv)
                ),
                format!(
                    "Building {}: original value {} × (1 − {}) × {} × {}/12 ({me}){} = {}",
                    it.index + 1,
                    plain(original_value),
                    pct(ded.decimal()),
                    pct(rate.decimal()),
                    k,
                    if half {
                        " × (1 − 'six taxes' reduction)"
                    } else {
                        ""
                    },
                    yuan(vv)
                ),
            ))
        })?;
    }
    ctx.reduction_warning(&reduced, &mut out.trace);
    out.set_amount(&total, PATH)
}

pub(crate) fn leased(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let mut out = ctx.community_line(LineId::PropertyTaxLeased, "二");
    let props = &ctx.req.properties;
    let items = props
        .iter()
        .enumerate()
        .filter(|(_, p)| p.tenure == Some(Tenure::Leased))
        .map(|(i, p)| (i, p.used_from, p.used_to));
    if let Some(items) = gate_items(ctx, &mut out, ("承租的房产", "leased property"), items) {
        compute_leased(ctx, &mut out, &items)?;
    }
    restore_basis(ctx, &mut out);
    ctx.filing_warning(&mut out);
    Ok(out)
}

fn compute_leased(ctx: &Ctx<'_>, out: &mut LineOut, items: &[Item]) -> Result<(), Error> {
    let props = &ctx.req.properties;
    for it in items {
        if props[it.index].annual_rent.is_none() {
            out.mark_missing(&format!("properties[{}].annual_rent", it.index));
        }
    }
    if out.status != crate::statement::Status::Applies {
        return Ok(());
    }
    let rate = ctx.params.at(ParamId::PropertyRentRate, ctx.ref_date())?;
    out.trace.param(&rate);
    let mut total = Exact::zero();
    for it in items {
        let rent = props[it.index].annual_rent.map(|d| d.0).unwrap_or_default();
        let k = count(&it.months);
        let num = rent
            .checked_mul(rate.decimal())
            .and_then(|x| x.checked_mul(Decimal::from(k)))
            .or_overflow(PATH)?;
        let v = Exact::frac(num, Decimal::from(12)).or_overflow(PATH)?;
        total.add(&v).or_overflow(PATH)?;
        out.trace.try_step(|| {
            let vv = v.value().or_overflow(PATH)?;
            let (mz, me) = months_label(&it.months);
            Ok::<_, Error>((
                format!(
                    "房产 {}：年租金 {} × {} × {k}/12（{mz}）= {}",
                    it.index + 1,
                    plain(rent),
                    pct(rate.decimal()),
                    yuan(vv)
                ),
                format!(
                    "Building {}: annual rent {} × {} × {k}/12 ({me}) = {}",
                    it.index + 1,
                    plain(rent),
                    pct(rate.decimal()),
                    yuan(vv)
                ),
            ))
        })?;
    }
    out.trace.note(|| {
        (
            "承租房产的房产税纳税人是出租方：免税降低的是出租方的税负，不减半（出租方身份未知）".into(),
            "for leased property the landlord is the taxpayer: the exemption lowers the landlord's tax, and is not halved (the landlord's status is unknown)".into(),
        )
    });
    out.set_amount(&total, PATH)
}

#[cfg(test)]
mod tests {
    use super::{Item, Items};

    #[test]
    fn items_keep_their_order_inline_and_past_the_inline_ones() {
        for n in 0..10 {
            let mut items = Items::default();
            for index in 0..n {
                items.push(Item {
                    index,
                    months: [index % 2 == 0; 12],
                });
            }
            let got: Vec<usize> = items.iter().map(|i| i.index).collect();
            assert_eq!(got, (0..n).collect::<Vec<_>>());
            assert!(items.iter().all(|i| i.months[0] == (i.index % 2 == 0)));
        }
    }
}
