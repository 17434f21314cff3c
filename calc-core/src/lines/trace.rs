//! The explanation of a line as it is computed ([`Trace`]), and the line before it becomes a
//! statement line ([`LineOut`]).

use super::LineId;
use crate::error::{Error, OrOverflow};
use crate::money::Exact;
use crate::params::Found;
use crate::statement::{Basis, ParamUse, Reason, Status, Text};
use rust_decimal::Decimal;

/// Records the explanation of a line. Without an explanation (claim verification, amounts
/// only) nothing but the reasons is kept: the closures that format steps, notes and warnings are
/// never called, and the trace is two words, cheap to move.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trace {
    /// Why a line does not apply (kept in every mode: verification reports them).
    pub reasons: Vec<Reason>,
    /// The explanation, when one is being built.
    pub explained: Option<Box<Explained>>,
}

/// The explanation parts of a [`Trace`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Explained {
    pub steps: Vec<Text>,
    pub params: Vec<ParamUse>,
    pub warnings: Vec<Text>,
    pub notes: Vec<Text>,
    pub basis: Vec<Basis>,
    /// The index in `notes` of the last note that says why the value is 0 ([`Trace::note_zero`]).
    pub zero_note: Option<usize>,
}

fn text((zh, en): (String, String)) -> Text {
    Text { zh, en }
}

impl Trace {
    /// A trace that explains (`explain`) or only keeps reasons.
    pub fn new(explain: bool) -> Trace {
        Trace {
            reasons: Vec::new(),
            explained: explain.then(Box::default),
        }
    }
    /// Whether an explanation is being built.
    pub fn on(&self) -> bool {
        self.explained.is_some()
    }
    pub fn step(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.explained {
            x.steps.push(text(f()));
        }
    }
    pub fn note(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.explained {
            x.notes.push(text(f()));
        }
    }
    /// A note that says why the value (or a part of it) is 0: the last one is the line's
    /// `zero_reason` when it applies and is worth 0.00.
    pub fn note_zero(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.explained {
            x.zero_note = Some(x.notes.len());
            x.notes.push(text(f()));
        }
    }
    pub fn warn(&mut self, f: impl FnOnce() -> (String, String)) {
        if let Some(x) = &mut self.explained {
            x.warnings.push(text(f()));
        }
    }
    /// A warning that may not be due: `f` looks up whether it is (and what it says) only when
    /// explaining, as warnings are kept in an explanation alone.
    pub fn warn_if(&mut self, f: impl FnOnce() -> Option<(String, String)>) {
        if let Some(x) = &mut self.explained {
            if let Some(w) = f() {
                x.warnings.push(text(w));
            }
        }
    }
    /// A step whose figures are worked out for the text alone and can fail (an exact sum's
    /// value): `f` runs only when explaining, so without an explanation it neither costs nor
    /// fails.
    pub fn try_step<E>(
        &mut self,
        f: impl FnOnce() -> Result<(String, String), E>,
    ) -> Result<(), E> {
        if let Some(x) = &mut self.explained {
            x.steps.push(text(f()?));
        }
        Ok(())
    }
    /// [`Trace::note_zero`] with figures worked out for the text alone, as [`Trace::try_step`].
    pub fn try_note_zero<E>(
        &mut self,
        f: impl FnOnce() -> Result<(String, String), E>,
    ) -> Result<(), E> {
        if let Some(x) = &mut self.explained {
            let t = text(f()?);
            x.zero_note = Some(x.notes.len());
            x.notes.push(t);
        }
        Ok(())
    }
    /// Several parts of the explanation written together (`f` adds them to this trace): `f`
    /// runs only when explaining, so the figures it works out for the text cost nothing and
    /// cannot fail without an explanation.
    pub fn explain<E>(&mut self, f: impl FnOnce(&mut Trace) -> Result<(), E>) -> Result<(), E> {
        if self.on() {
            f(self)
        } else {
            Ok(())
        }
    }
    /// The notes so far (none without an explanation).
    pub fn notes_len(&self) -> usize {
        self.explained.as_ref().map_or(0, |x| x.notes.len())
    }
    /// The first basis entry, if any.
    pub fn first_basis(&self) -> Option<Basis> {
        self.explained
            .as_ref()
            .and_then(|x| x.basis.first().cloned())
    }
    /// Sets the basis when explaining and none is set yet.
    pub fn basis_if_empty(&mut self, f: impl FnOnce() -> Vec<Basis>) {
        if let Some(x) = &mut self.explained {
            if x.basis.is_empty() {
                x.basis = f();
            }
        }
    }
    /// The explanation parts (empty without an explanation).
    pub fn explained(self) -> Explained {
        self.explained.map(|b| *b).unwrap_or_default()
    }
    pub fn reason(&mut self, zh: String, en: String, basis: Option<Basis>) {
        self.reasons.push(Reason { zh, en, basis });
    }
    pub fn param(&mut self, f: &Found<'_>) {
        let Some(x) = &mut self.explained else {
            return;
        };
        let id = f.name;
        if x.params
            .iter()
            .any(|p| p.id == id && p.valid_from == f.entry.valid_from)
        {
            return;
        }
        x.params.push(ParamUse {
            id: id.to_string(),
            value: f.entry.value.to_json(),
            valid_from: f.entry.valid_from,
            valid_to: f.entry.valid_to,
            source: f.entry.citation.clone(),
            confidence: f.entry.confidence,
            overridden: f.overridden,
            scenario: f.scenario,
        });
    }
}

/// Figures gathered along a rule for its explanation only (the rates met, the months taxed at
/// each rate): without an explanation [`ForText::gather`] never calls its closure and the value
/// stays at its default (an empty `Vec` does not allocate).
#[derive(Debug, Default)]
pub(crate) struct ForText<T> {
    on: bool,
    value: T,
}

impl<T: Default> ForText<T> {
    /// Gathers for `trace`'s explanation, if it builds one.
    pub fn new(trace: &Trace) -> Self {
        ForText {
            on: trace.on(),
            value: T::default(),
        }
    }
    /// Adds to the figures (only when explaining).
    pub fn gather<E>(&mut self, f: impl FnOnce(&mut T) -> Result<(), E>) -> Result<(), E> {
        if self.on {
            f(&mut self.value)
        } else {
            Ok(())
        }
    }
    /// The figures gathered (the default without an explanation).
    pub fn value(&self) -> &T {
        &self.value
    }
}

/// A computed line before it becomes a [`crate::statement::Line`].
#[derive(Debug, Clone)]
pub(crate) struct LineOut {
    pub id: LineId,
    pub status: Status,
    pub amount: Decimal,
    pub base: Option<Decimal>,
    pub trace: Trace,
}

impl LineOut {
    pub fn new(id: LineId, explain: bool) -> Self {
        LineOut {
            id,
            status: Status::Applies,
            amount: Decimal::ZERO,
            base: None,
            trace: Trace::new(explain),
        }
    }

    pub fn not_applicable(mut self, zh: &str, en: &str) -> Self {
        self.set_not_applicable(zh, en);
        self
    }

    pub fn set_not_applicable(&mut self, zh: &str, en: &str) {
        self.not_applicable_because(|| (zh.to_string(), en.to_string()));
    }

    /// `not_applicable`, with a note formatted only when explaining.
    pub fn not_applicable_because(&mut self, f: impl FnOnce() -> (String, String)) {
        self.status = Status::NotApplicable;
        self.trace.note(f);
    }

    pub fn mark_missing(&mut self, path: &str) {
        self.status = Status::MissingInput;
        self.trace.reason(
            format!("缺少输入：{path}"),
            format!("missing input: {path}"),
            None,
        );
    }

    /// Sets the amount from the exact value, rounding once.
    pub fn set_amount(&mut self, exact: &Exact, path: &str) -> Result<(), Error> {
        self.amount = exact.rounded().or_overflow(path)?;
        Ok(())
    }
}
