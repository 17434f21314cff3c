//! Reading a line for people: how its preference is claimed (自行申报享受 / 留存备查 and the
//! documents to keep, data next to each line's law text in `lines/*.rs`, with its source), and
//! why a line that applies is worth 0.00 (the note calc-core wrote for it).
//!
//! The statement already carries `how_to_claim` on every line that applies; these functions give
//! the same data by [`LineId`] (for a line that does not apply yet, a printed guide, the CLI).
//!
//! ```
//! use calc_core::frontend::claiming;
//! use calc_core::LineId;
//! let h = claiming::how_to_claim(LineId::CitIncomeReduction);
//! assert!(h.zh.contains("留存备查"));
//! assert!(h.source.url.is_some());
//! ```

use crate::statement::{Beneficiary, HowToClaim, Line, Statement, Status, Text};
use crate::LineId;
use rust_decimal::Decimal;

/// The facility's saving in a statement by tax: `[VAT and its surcharges, corporate income tax,
/// the other taxes and fees]`, summed from the facility's lines that apply (`None` on overflow).
///
/// ```
/// # let req = calc_core::Request::from_json(include_str!("../../../fixtures/examples/request.json")).unwrap();
/// let st = calc_core::assess(&req).unwrap();
/// let [vat, cit, other] = calc_core::frontend::claiming::by_tax(&st).unwrap();
/// assert_eq!(vat + cit + other, st.total.0);
/// ```
#[must_use]
pub fn by_tax(st: &Statement) -> Option<[Decimal; 3]> {
    let mut sums = [Decimal::new(0, 2); 3];
    for line in &st.lines {
        if line.status != Status::Applies || line.beneficiary != Beneficiary::Facility {
            continue;
        }
        let tax = tax_group(line.id);
        sums[tax] = sums[tax].checked_add(line.amount.0)?;
    }
    Some(sums)
}

/// The group of [`by_tax`] a line's saving counts in: 0 VAT and its surcharges, 1 corporate
/// income tax, 2 the other taxes and fees.
fn tax_group(id: LineId) -> usize {
    match id {
        LineId::VatExemption | LineId::VatSurcharges => 0,
        LineId::CitIncomeReduction => 1,
        _ => 2,
    }
}

/// For each group of [`by_tax`], whether a line of it waits for input (`missing_input`): its sum
/// is then not the facility's saving but what could be worked out, and a page says so instead of
/// writing "VAT ¥0.00" for a blank revenue.
///
/// ```
/// let mut v: serde_json::Value =
///     serde_json::from_str(include_str!("../../../fixtures/examples/request.json")).unwrap();
/// v["revenue"].as_object_mut().unwrap().remove("childcare");
/// let st = calc_core::assess(&calc_core::Request::from_json(&v.to_string()).unwrap()).unwrap();
/// assert_eq!(calc_core::frontend::claiming::pending_by_tax(&st), [true, true, false]);
/// ```
#[must_use]
pub fn pending_by_tax(st: &Statement) -> [bool; 3] {
    let mut pending = [false; 3];
    for line in st.lines.iter().filter(|l| l.status == Status::MissingInput) {
        pending[tax_group(line.id)] = true;
    }
    pending
}

/// The request fields the statement's lines say are missing ("缺少输入：revenue.childcare"), as
/// JSON paths, each once, in the order of the lines. A page shows them (by their labels,
/// [`crate::frontend::labels::field_label`]) instead of a total of 0.00 that only means nothing is entered.
///
/// ```
/// let mut v: serde_json::Value =
///     serde_json::from_str(include_str!("../../../fixtures/examples/request.json")).unwrap();
/// v["taxpayer"].as_object_mut().unwrap().remove("vat");
/// let st = calc_core::assess(&calc_core::Request::from_json(&v.to_string()).unwrap()).unwrap();
/// assert_eq!(calc_core::frontend::claiming::missing_inputs(&st), ["taxpayer.vat"]);
/// ```
#[must_use]
pub fn missing_inputs(st: &Statement) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for line in st.lines.iter().filter(|l| l.status == Status::MissingInput) {
        for r in &line.reasons {
            if let Some(p) = crate::frontend::labels::missing_input_path(&r.zh) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// How the preference of line `id` is claimed, with where that is written and how sure it is.
#[must_use]
pub fn how_to_claim(id: LineId) -> HowToClaim {
    id.how_to_claim().to_output()
}

/// Why a line that applies is worth 0.00, in calc-core's words: the line's
/// [`zero_reason`](Line::zero_reason), the note its rule wrote when the value came to 0 (every
/// such line has one: the notes of the line modules, or assess's fallback "条件满足，但计算结果
/// 为0"). `None` for a line that does not apply or is worth more than 0.
///
/// A statement written before `zero_reason` existed has none: its reason is found in its notes
/// by their words.
#[must_use]
pub fn zero_reason(line: &Line) -> Option<&Text> {
    if line.status != Status::Applies || !line.amount.0.is_zero() {
        return None;
    }
    if line.zero_reason.is_some() {
        return line.zero_reason.as_ref();
    }
    // calc-core's notes that explain a zero say 按0计, 为0 or 为零; the last such note is the
    // one about the result (earlier ones can be about one month or one input).
    line.notes
        .iter()
        .rev()
        .find(|n| ["按0计", "为0", "为零"].iter().any(|k| n.zh.contains(k)))
        .or_else(|| line.notes.last())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_has_a_way_to_claim_with_a_source() {
        for &id in LineId::ALL {
            let h = how_to_claim(id);
            assert!(!h.zh.is_empty() && !h.en.is_empty(), "{}", id.as_str());
            assert!(h.source.url.is_some() || h.source.url_note.is_some());
        }
    }

    #[test]
    fn every_fixture_line_that_applies_at_zero_says_why() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures");
        let mut zero = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            let v: serde_json::Value = serde_json::from_str(&text).expect("json");
            let Some(req) = v.get("request") else {
                continue;
            };
            let Ok(req) = crate::Request::from_json(&req.to_string()) else {
                continue;
            };
            let Ok(st) = crate::assess(&req) else {
                continue;
            };
            for l in &st.lines {
                if l.status == Status::Applies && l.amount.0.is_zero() {
                    zero += 1;
                    assert!(l.zero_reason.is_some(), "{}: {}", path.display(), l.id);
                    // The structured reason is the one the words of the notes find (what a
                    // statement of an earlier version is read with).
                    let mut older = l.clone();
                    older.zero_reason = None;
                    assert_eq!(zero_reason(&older), zero_reason(l), "{}", path.display());
                } else {
                    assert!(l.zero_reason.is_none() && zero_reason(l).is_none());
                }
            }
        }
        assert!(zero > 0, "some fixture has a line that applies at 0.00");
    }
}
