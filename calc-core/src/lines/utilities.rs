//! Utilities at household prices — 水电气宽带按居民价格.
//!
//! > 婴幼儿照护服务机构用电按照居民合表用户电价执行，用气按照各地居民阶梯气价的第一档价格标准执行，
//! > 用水依定价权限按照居民生活用水价格执行，使用宽带互联网费用按照家庭住宅价格执行。
//! > — 晋宁区实施方案（征求意见稿）五（三）
//!
//! *Childcare facilities pay household prices for electricity, gas, water and broadband.* Value =
//! quantity × (commercial − household price); broadband: months × the monthly difference
//! (SPEC §4.8). The only condition is the health-commission filing; no window. Kunming tariffs
//! were not found: prices are inputs.

use super::{plain, yuan, Ctx, LineId, LineOut};
use super::{LineDoc, Procedure};
use crate::error::Error;
use crate::error::OrOverflow;
use crate::money::{Dec, Exact};
use crate::params::Confidence;
use crate::params::ParamId;
use crate::statement::{Basis, Status, Window};
use rust_decimal::Decimal;
/// What `utility_electricity` computes, on which article (`tuoyu explain utility_electricity`).
pub(crate) const DOC_ELECTRICITY: LineDoc = LineDoc {
    article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
    quote_zh: "婴幼儿照护服务机构用电按照居民合表用户电价执行……",
    quote_en: "Infant and toddler care institutions pay for electricity at the residential combined-meter price …",
    computes_zh: "用电按居民合表电价（条件：已备案；无期限）",
    computes_en:
        "Electricity at the residential combined-meter price (condition: filed; no window).",
    formula: "kWh × (commercial price − household price)",
};

/// What `utility_gas` computes, on which article (`tuoyu explain utility_gas`).
pub(crate) const DOC_GAS: LineDoc = LineDoc {
    article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
    quote_zh: "……用气按照各地居民阶梯气价的第一档价格标准执行……",
    quote_en: "… gas at the first-tier price of the local residential tiered gas prices …",
    computes_zh: "用气按居民第一档气价",
    computes_en: "Gas at the first tier of the residential ladder.",
    formula: "m³ × (commercial price − household price)",
};

/// What `utility_water` computes, on which article (`tuoyu explain utility_water`).
pub(crate) const DOC_WATER: LineDoc = LineDoc {
    article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
    quote_zh: "……用水依定价权限按照居民生活用水价格执行……",
    quote_en: "… water at the residential water price, within the pricing authority …",
    computes_zh: "用水按居民生活用水价格",
    computes_en: "Water at the household price.",
    formula: "tonnes × (commercial price − household price)",
};

/// What `utility_broadband` computes, on which article (`tuoyu explain utility_broadband`).
pub(crate) const DOC_BROADBAND: LineDoc = LineDoc {
    article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
    quote_zh: "……使用宽带互联网费用按照家庭住宅价格执行。",
    quote_en: "… broadband internet at the household price.",
    computes_zh: "宽带按家庭住宅价格",
    computes_en: "Broadband at the household price.",
    formula: "months (default 12) × (commercial monthly fee − household monthly fee)",
};

/// How household prices are obtained (district plan; the procedure itself is unverified).
pub(crate) const HOW_TO_CLAIM: Procedure = Procedure {
    zh: "持卫生健康部门备案证明，向供电、供水、供气和宽带企业申请按居民价格执行。具体办理程序未查到原文，以供应企业要求为准。",
    en: "With the health commission filing, ask the electricity, water, gas and broadband suppliers to bill at household prices. The procedure was not found in the texts: ask the supplier.",
    document: "昆明市晋宁区促进3岁以下婴幼儿照护服务发展实施方案（征求意见稿）",
    title_en: "Kunming Jinning District plan to promote care for children under 3 (draft for comment)",
    article: "五（三）：用电、用气、用水、宽带按居民价格执行",
    article_en: "section 5(3): electricity, gas, water and broadband at household prices",
    url: None,
    url_note: Some("征求意见稿未找到公开网址；本仓库存有其文本 docs/sources/jinning-childcare-plan-draft.txt / no public URL of the draft found; its text is kept in this repository at docs/sources/jinning-childcare-plan-draft.txt"),
    confidence: Confidence::Unverified,
};

struct Input<'a> {
    id: LineId,
    path: &'static str,
    qty_field: &'static str,
    qty: Option<Decimal>,
    commercial: Option<Dec>,
    household: Option<Dec>,
    unit: (&'a str, &'a str),
}

pub(crate) fn lines(ctx: &Ctx<'_>) -> Result<[LineOut; 4], Error> {
    let u = ctx.req.utilities.as_ref();
    let e = u.and_then(|u| u.electricity.as_ref());
    let g = u.and_then(|u| u.gas.as_ref());
    let w = u.and_then(|u| u.water.as_ref());
    let b = u.and_then(|u| u.broadband.as_ref());
    Ok([
        one(
            ctx,
            e.is_some(),
            Input {
                id: LineId::UtilityElectricity,
                path: "utilities.electricity",
                qty_field: "kwh",
                qty: e.and_then(|x| x.kwh).map(|d| d.0),
                commercial: e.and_then(|x| x.commercial_price),
                household: e.and_then(|x| x.household_price),
                unit: ("千瓦时", "kWh"),
            },
        )?,
        one(
            ctx,
            g.is_some(),
            Input {
                id: LineId::UtilityGas,
                path: "utilities.gas",
                qty_field: "m3",
                qty: g.and_then(|x| x.m3).map(|d| d.0),
                commercial: g.and_then(|x| x.commercial_price),
                household: g.and_then(|x| x.household_price),
                unit: ("立方米", "m³"),
            },
        )?,
        one(
            ctx,
            w.is_some(),
            Input {
                id: LineId::UtilityWater,
                path: "utilities.water",
                qty_field: "tonnes",
                qty: w.and_then(|x| x.tonnes).map(|d| d.0),
                commercial: w.and_then(|x| x.commercial_price),
                household: w.and_then(|x| x.household_price),
                unit: ("吨", "tonnes"),
            },
        )?,
        one(
            ctx,
            b.is_some(),
            Input {
                id: LineId::UtilityBroadband,
                path: "utilities.broadband",
                qty_field: "months",
                qty: b.map(|x| Decimal::from(x.months.unwrap_or(12))),
                commercial: b.and_then(|x| x.commercial_price),
                household: b.and_then(|x| x.household_price),
                unit: ("个月", "months"),
            },
        )?,
    ])
}

fn one(ctx: &Ctx<'_>, present: bool, i: Input<'_>) -> Result<LineOut, Error> {
    let mut out = LineOut::new(i.id, ctx.explain);
    let rule = ctx
        .params
        .at(ParamId::UtilitiesHousehold, super::month_start(ctx.year, 0))?;
    if let Some(x) = &mut out.trace.explained {
        x.basis.push(Basis {
            document: rule.entry.citation.document.clone(),
            title_en: rule.entry.citation.title_en.clone(),
            article: rule.entry.citation.article.clone(),
            article_en: rule.entry.citation.article_en.clone(),
            window: Some(Window {
                from: rule.entry.valid_from,
                to: rule.entry.valid_to,
                scenario: rule.scenario,
            }),
        });
    }
    if !present {
        out.not_applicable_because(|| {
            (
                format!("请求中没有 {}", i.path),
                format!("the request has no {}", i.path),
            )
        });
        return Ok(out);
    }
    if !rule.flag() {
        out.status = Status::NotInForce;
        out.trace.reason(
            "居民价格政策未生效".into(),
            "the household-price rule is not in force".into(),
            out.trace.first_basis(),
        );
        return Ok(out);
    }
    if !ctx.req.facility.filed_with_health_commission {
        out.status = Status::NotEligible;
        let b = out.trace.first_basis();
        out.trace.reason(
            "机构未向卫生健康部门备案：居民价格以备案为条件（区实施方案四（十三））".into(),
            "the facility has not filed with the health commission, the condition for household prices (district plan §4(13))".into(),
            b,
        );
        return Ok(out);
    }
    let (Some(q), Some(Dec(c)), Some(Dec(h))) = (i.qty, i.commercial, i.household) else {
        let missing = if i.qty.is_none() {
            i.qty_field
        } else if i.commercial.is_none() {
            "commercial_price"
        } else {
            "household_price"
        };
        out.mark_missing(&format!("{}.{missing}", i.path));
        return Ok(out);
    };
    out.trace.param(&rule);
    let diff = c - h;
    if diff < Decimal::ZERO {
        out.trace.warn(|| {
            (
                format!("居民价格 {} 高于商业价格 {}：按0计", plain(h), plain(c)),
                format!(
                    "the household price {} is above the commercial price {}: counted as 0",
                    plain(h),
                    plain(c)
                ),
            )
        });
        out.trace.note(|| {
            (
                "居民价格不低于商业价格，没有节省".into(),
                "the household price is not lower: nothing saved".into(),
            )
        });
        return Ok(out);
    }
    let v = q.checked_mul(diff).or_overflow("utilities")?;
    out.trace.step(|| {
        (
            format!(
                "{} {} × (商业价格 {} − 居民价格 {}) = {}",
                plain(q),
                i.unit.0,
                plain(c),
                plain(h),
                yuan(v)
            ),
            format!(
                "{} {} × (commercial price {} − household price {}) = {}",
                plain(q),
                i.unit.1,
                plain(c),
                plain(h),
                yuan(v)
            ),
        )
    });
    out.trace.note(|| {
        (
            "昆明实际价格未查到：价格由用户填写".into(),
            "Kunming tariffs were not found: the prices are the user's".into(),
        )
    });
    out.set_amount(&Exact::of(v), "utilities")?;
    Ok(out)
}
