//! The VAT lines of a declared nursery on VAT Law art.24(7) (SPEC §12.2): their context, basis
//! and notes.

use super::months::{count, month_start};
use super::{Ctx, LineOut};
use crate::params::{Found, ParamId};
use crate::statement::{Basis, Reason, Status, Window};

/// The VAT Law art.24(7) basis of the VAT lines (SPEC §12.2): the months it covers, its window,
/// and whether the community basis holds too (else why not, for a note).
#[derive(Debug, Clone)]
pub(crate) struct VatLawBasis<'a> {
    /// The window entry (`vat_law_24_7`).
    pub window: Found<'a>,
    /// Whether the community preferences also reach these months (conditions met, in force).
    pub community: bool,
    /// Why the community basis does not hold (empty when it does).
    pub community_failed: Vec<Reason>,
}

impl<'a> Ctx<'a> {
    /// The context of the VAT lines of a facility that declares itself a nursery under VAT Law
    /// art.24(7) (SPEC §12.2), when that basis reaches a month of the year: the months are
    /// those of the community preferences when their conditions hold, or of the statute's window
    /// — without the community conditions or windows. `None` otherwise (the community context
    /// serves as it is). The statement's `eligible_months` stay the community's.
    pub fn for_vat_law(&self) -> Option<Ctx<'a>> {
        if self.req.facility.nursery_vat_law != Some(true) {
            return None;
        }
        let mut months = [false; 12];
        let mut window = None;
        for (m, covered) in months.iter_mut().enumerate() {
            if let Some(f) = self
                .params
                .find(ParamId::VatLawNurseryExemption, month_start(self.year, m))
                .filter(Found::flag)
            {
                *covered = true;
                window.get_or_insert(f);
            }
        }
        let window = window?;
        let community = self.eligible_months > 0 && self.failed.is_empty();
        if community {
            for (m, e) in months.iter_mut().zip(&self.eligible) {
                *m |= *e;
            }
        }
        let community_failed = if community {
            Vec::new()
        } else if self.eligible_months == 0 {
            vec![self.year_not_in_force()]
        } else {
            self.failed.to_vec()
        };
        Some(Ctx {
            req: self.req,
            params: self.params,
            year: self.year,
            explain: self.explain,
            eligible: months,
            eligible_months: count(&months),
            windows: self.windows.clone(),
            failed: std::borrow::Cow::Borrowed(&[]),
            reduction: self.reduction,
            reduction_src: self.reduction_src,
            year_not_in_force: std::cell::OnceCell::new(),
            // The year plan holds the community months: not these.
            plan: None,
            vat_law: Some(VatLawBasis {
                window,
                community,
                community_failed,
            }),
        })
    }

    /// The basis of a VAT line: the community articles that hold, and VAT Law art.24(7) when
    /// it is the (or a further) basis.
    pub fn vat_basis(&self) -> Vec<Basis> {
        let Some(law) = &self.vat_law else {
            return self.basis_for("一（一）");
        };
        let mut out = if law.community {
            self.basis_for("一（一）")
        } else {
            Vec::new()
        };
        out.push(Basis {
            document: law.window.entry.citation.document.clone(),
            title_en: law.window.entry.citation.title_en.clone(),
            article: "第二十四条第（七）项".into(),
            article_en: Some("art. 24(7)".into()),
            window: Some(Window {
                from: law.window.entry.valid_from,
                to: law.window.entry.valid_to,
                scenario: false,
            }),
        });
        out
    }

    /// What a VAT line on the VAT Law basis says of it: that the program does not check the
    /// nursery status, and — when only this basis holds — why the community one does not.
    pub fn vat_law_explanation(&self, out: &mut LineOut) {
        let Some(law) = &self.vat_law else { return };
        out.trace.warn(|| {
            (
                "按《增值税法》第二十四条第（七）项计算：机构自行声明为托儿所（“托儿所（按《增值税法》第二十四条免税）”填写为“是”），本程序无法核实；仅在卫生健康部门备案的0—3岁托育机构是否属于“托儿所”，尚待《增值税法实施条例》（国务院令第826号）的界定".into(),
                "computed on VAT Law art.24(7): the facility declares itself a nursery (“Nursery (VAT Law art. 24 exemption)” answered yes), which the program cannot check; whether a 0–3 facility filed only with the health commission is a nursery in the statute's sense depends on the Implementing Regulations (State Council Decree 826)".into(),
            )
        });
        if !law.community {
            for r in &law.community_failed {
                out.trace.note(|| {
                    (
                        format!("社区托育优惠不适用（{}），本行仅依据《增值税法》第二十四条第（七）项", r.zh),
                        format!("the community preference does not hold ({}): this line rests on VAT Law art.24(7) alone", r.en),
                    )
                });
            }
        }
    }

    /// Adds the notes about VAT Law art.24(7) (SPEC §1, §11).
    pub fn vat_law_note(&self, out: &mut LineOut) {
        if out.status == Status::NotApplicable || self.year < 2026 || self.vat_law.is_some() {
            return;
        }
        let text = || {
            (
                "《增值税法》第二十四条第（七）项自2026年1月1日起对托儿所、幼儿园提供的育养服务免征增值税；仅在卫生健康部门备案的0—3岁托育机构是否适用，尚待《增值税法实施条例》（国务院令第826号）的界定".to_string(),
                "VAT Law art.24(7) exempts the nurturing services of nurseries and kindergartens from 2026-01-01; whether a 0–3 facility filed only with the health commission is covered depends on the Implementing Regulations (State Council Decree 826) and is unresolved".to_string(),
            )
        };
        if out.status == Status::NotInForce {
            out.trace.warn(text);
        } else {
            out.trace.note(text);
        }
    }
}
