//! The benefit lines of SPEC §4, one module per line (or family of lines), each quoting its
//! article and reading like it, and the rooms of the machinery they share:
//!
//! - [`catalogue`]: the line ids and labels, the law text of each line, how each is claimed;
//! - [`context`]: what every line of a request shares ([`Ctx`]) and the rule helpers — the
//!   eligibility test of art.三, the community gate and its reasons, the articles cited;
//! - [`reduction`]: the 六税两费 reduction and its warning;
//! - [`vat_law`]: the VAT lines of a declared nursery on VAT Law art.24(7);
//! - [`year_plan`]: the cache of what every request of a year shares;
//! - [`months`], [`text`], [`trace`]: the calendar, the formatting of the explanation and the
//!   trace that records it.
//!
//! A line module has one entry point per figure it is asked for: `line` for the statement;
//! the VAT and CIT lines also `base`, for claim verification, which compares a claim with the
//! line's base only (`crate::assess::compute` picks which one to call, in one place).

pub(crate) mod cit;
pub(crate) mod deed;
pub(crate) mod fees;
pub(crate) mod land_use;
pub(crate) mod property;
pub(crate) mod surcharges;
pub(crate) mod utilities;
pub(crate) mod vat;

mod catalogue;
mod context;
mod memo;
mod months;
mod reduction;
mod text;
mod trace;
mod vat_law;
mod year_plan;

pub(crate) use catalogue::Procedure;
pub use catalogue::{LineDoc, LineId, UnknownLineId};
pub(crate) use context::Ctx;
pub(crate) use context::{not_filed_basis, NOT_FILED_EN, NOT_FILED_ZH};
pub(crate) use memo::Repeat;
pub(crate) use months::{count, month_end, month_start, months_label};
pub(crate) use text::{pct, plain, yuan};
pub(crate) use trace::{ForText, LineOut, Trace};
pub(crate) use vat_law::VatLawBasis;
