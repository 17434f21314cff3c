//! `deed_tax` — 契税免征.
//!
//! > （三）承受房屋、土地用于提供社区养老、托育、家政服务的，免征契税。
//! > — 财政部等六部门公告2019年第76号；2026年第7号（同文）
//!
//! *Acquiring a house or land for community childcare is exempt from deed tax.* Each acquisition
//! dated in the year and in a window counts `price × rate`; never halved (SPEC §4.6).

use super::{n, ov, pct, y, Ctx, LineId, LineOut};
use crate::error::Error;
use crate::money::{Exact, Overflow};
use crate::params::ParamId;
use crate::statement::Status;
use chrono::Datelike;

const PATH: &str = "acquisitions";

pub(crate) fn line(ctx: &Ctx<'_>) -> Result<LineOut, Error> {
    let mut out = ctx.community_line(LineId::DeedTax, "一（三）");
    compute(ctx, &mut out)?;
    ctx.filing_warning(&mut out);
    Ok(out)
}

fn compute(ctx: &Ctx<'_>, out: &mut LineOut) -> Result<(), Error> {
    let acq = &ctx.req.acquisitions;
    if acq.is_empty() {
        out.set_not_applicable(
            "请求中没有购置房屋、土地（acquisitions）",
            "the request has no acquisitions",
        );
        return Ok(());
    }
    let mut in_year = Vec::new();
    let mut undated = Vec::new();
    for (i, a) in acq.iter().enumerate() {
        match a.date {
            Some(d) if d.year() == ctx.year => in_year.push(i),
            Some(d) => out.t.note(|| {
                (
                    format!("acquisitions[{i}] 的日期 {d} 不在{}年，未计入", ctx.year),
                    format!(
                        "acquisitions[{i}] is dated {d}, outside {}: not counted",
                        ctx.year
                    ),
                )
            }),
            None => undated.push(i),
        }
    }
    if in_year.is_empty() && undated.is_empty() {
        out.status = Status::NotApplicable;
        return Ok(());
    }
    let in_window: Vec<usize> = in_year
        .iter()
        .copied()
        .filter(|i| acq[*i].date.is_some_and(|d| ctx.in_window(d)))
        .collect();
    if in_window.is_empty() && undated.is_empty() {
        let d = acq[in_year[0]].date;
        ctx.not_in_force(out, d);
        return Ok(());
    }
    if !ctx.failed.is_empty() {
        ctx.not_eligible(out);
        return Ok(());
    }
    for i in &undated {
        out.mark_missing(&format!("acquisitions[{i}].date"));
    }
    for i in &in_window {
        if acq[*i].price.is_none() {
            out.mark_missing(&format!("acquisitions[{i}].price"));
        }
    }
    if out.status != Status::Applies {
        return Ok(());
    }
    let mut total = Exact::zero();
    let mut base = rust_decimal::Decimal::ZERO;
    for i in &in_year {
        let a = &acq[*i];
        let Some(d) = a.date else { continue };
        if !ctx.in_window(d) {
            out.t.note(|| {
                (
                    format!("acquisitions[{i}] 的日期 {d} 不在优惠执行期内，未计入"),
                    format!("acquisitions[{i}] is dated {d}, outside the windows: not counted"),
                )
            });
            continue;
        }
        let rate = ctx.p.at(ParamId::DeedTaxRate, d)?;
        out.t.param(&rate);
        let price = a.price.map(|p| p.0).unwrap_or_default();
        base = base.checked_add(price).ok_or(Overflow).map_err(ov(PATH))?;
        let v = price
            .checked_mul(rate.decimal())
            .ok_or(Overflow)
            .map_err(ov(PATH))?;
        total.add(&Exact::of(v)).map_err(ov(PATH))?;
        out.t.step(|| {
            (
                format!(
                    "acquisitions[{i}]（{d}）：成交价 {} × 契税税率 {} = {}",
                    n(price),
                    pct(rate.decimal()),
                    y(v)
                ),
                format!(
                    "acquisitions[{i}] ({d}): price {} × deed tax rate {} = {}",
                    n(price),
                    pct(rate.decimal()),
                    y(v)
                ),
            )
        });
    }
    out.base = Some(crate::money::round_money(base));
    out.t.note(|| {
        (
            "契税不适用“六税两费”减半".into(),
            "deed tax is not one of the halved 'six taxes'".into(),
        )
    });
    out.set_amount(&total, PATH)
}
