//! The app's state and the `Action`s that change it (yew's `use_reducer`).
//!
//! Every change of the form rebuilds the request JSON and asks calc-core for the statement, in
//! the reducer, so the screen always shows the statement of the request in the address bar.

use crate::form::{Form, DEMO};
use crate::i18n::Lang;
use calc_core::{ErrorJson, Statement};
use serde_json::Value;
use std::rc::Rc;
use yew::Reducible;

/// The pages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// 优惠测算: the form and the statement (default).
    #[default]
    Estimate,
    /// 收费基准: the fee benchmark.
    Fees,
    /// 托位与保育人员: places and carers.
    Capacity,
    /// 家长实付: what a family pays after the public benefits.
    Household,
    /// 核验: claim verification for tax staff.
    Verify,
    /// 政策依据: the parameters in force and the legal windows.
    Policy,
    /// 情景分析: savings against revenue and taxable income.
    Sweep,
}

impl View {
    /// Every view, in menu order.
    pub const ALL: [View; 7] = [
        View::Estimate,
        View::Fees,
        View::Capacity,
        View::Household,
        View::Verify,
        View::Policy,
        View::Sweep,
    ];
    /// Stable id (used in storage and `data-view`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            View::Estimate => "estimate",
            View::Fees => "fees",
            View::Capacity => "capacity",
            View::Household => "household",
            View::Verify => "verify",
            View::Policy => "policy",
            View::Sweep => "sweep",
        }
    }
    /// The view with id `id`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == id)
    }
    /// Menu label.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Estimate => lang.t("优惠测算", "Estimate"),
            View::Fees => lang.t("收费基准", "Fee benchmark"),
            View::Capacity => lang.t("托位与保育人员", "Places & carers"),
            View::Household => lang.t("家长实付", "What parents pay"),
            View::Verify => lang.t("申报核验", "Verify"),
            View::Policy => lang.t("政策依据", "Policy basis"),
            View::Sweep => lang.t("情景分析", "Scenarios"),
        }
    }
}

/// What calc-core said about the current request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The statement.
    Statement(Rc<Statement>),
    /// The request cannot be assessed; the error names the field.
    Error(ErrorJson),
}

/// The app state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Interface language.
    pub lang: Lang,
    /// Page shown.
    pub view: View,
    /// What the person typed.
    pub form: Form,
    /// The request JSON built from the form (compact text, as in the URL).
    pub request: String,
    /// calc-core's answer.
    pub outcome: Outcome,
    /// The last statement, kept on screen (dimmed) while the input has an error.
    pub last_statement: Option<Rc<Statement>>,
    /// Whether the demo preset was loaded (its utility prices are examples).
    pub demo: bool,
    /// Milliseconds calc-core took for the last assessment.
    pub assess_ms: f64,
    /// Milliseconds for the whole last recomputation (request JSON, parse, assess).
    pub recompute_ms: f64,
    /// `performance.now()` when the last action arrived (to measure the render that follows).
    pub started: f64,
    /// A message about the link the page was opened with (zh, en), e.g. that it could not be read.
    pub notice: Option<(String, String)>,
}

/// A change to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Sets the text of the field at a request path.
    Set(String, String),
    /// Adds a row to `properties`, `land` or `acquisitions`.
    AddRow(String),
    /// Removes a row.
    RemoveRow(String, usize),
    /// Switches an amount between annual and monthly entry.
    Monthly(String, bool),
    /// Replaces the form by the request of a link, and shows its statement.
    Load(Value),
    /// Fills the demo facility.
    Demo,
    /// Fills the example facility with this id ([`crate::examples`]).
    Example(&'static str),
    /// Empties the form.
    Clear,
    /// Switches the language.
    Lang(Lang),
    /// Shows a page.
    View(View),
}

impl State {
    /// A state showing `form`.
    #[must_use]
    pub fn with_form(form: Form, lang: Lang, view: View) -> State {
        let mut s = State {
            lang,
            view,
            form,
            request: String::new(),
            outcome: Outcome::Error(ErrorJson {
                schema: String::new(),
                path: String::new(),
                error_zh: String::new(),
                error_en: String::new(),
            }),
            last_statement: None,
            demo: false,
            assess_ms: 0.0,
            recompute_ms: 0.0,
            started: crate::platform::now(),
            notice: None,
        };
        s.recompute();
        s
    }

    /// Rebuilds the request and asks calc-core for the statement.
    pub fn recompute(&mut self) {
        let t0 = crate::platform::now();
        self.request = self.form.to_request().to_string();
        // What the form itself can tell is wrong (a number that cannot be read, a blank month)
        // comes first, in the order of the fields; then calc-core's checks.
        let (outcome, ms) = match self.form.input_error() {
            Some(e) => (Outcome::Error(e), 0.0),
            None => assess(&self.request),
        };
        self.assess_ms = ms;
        if let Outcome::Statement(s) = &outcome {
            self.last_statement = Some(s.clone());
        }
        self.outcome = outcome;
        self.recompute_ms = crate::platform::now() - t0;
        crate::platform::measure("tuoyu-recompute", t0);
    }

    /// The error, if the request cannot be assessed.
    #[must_use]
    pub fn error(&self) -> Option<&ErrorJson> {
        match &self.outcome {
            Outcome::Error(e) => Some(e),
            Outcome::Statement(_) => None,
        }
    }

    /// The statement, if the request can be assessed.
    #[must_use]
    pub fn statement(&self) -> Option<&Rc<Statement>> {
        match &self.outcome {
            Outcome::Statement(s) => Some(s),
            Outcome::Error(_) => None,
        }
    }
}

/// Assesses a request JSON text with calc-core; returns the outcome and the milliseconds taken.
#[must_use]
pub fn assess(request: &str) -> (Outcome, f64) {
    let t0 = crate::platform::now();
    let out = match calc_core::Request::from_json(request).and_then(|r| calc_core::assess(&r)) {
        Ok(s) => Outcome::Statement(Rc::new(s)),
        Err(e) => Outcome::Error(e.to_json()),
    };
    (out, crate::platform::now() - t0)
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let started = crate::platform::now();
        let mut s = (*self).clone();
        s.started = started;
        let mut form_changed = true;
        match action {
            Action::Set(path, value) => {
                if s.form.get(&path) == value {
                    return self;
                }
                s.form.set(&path, &value);
            }
            Action::AddRow(a) => s.form.add_row(&a),
            Action::RemoveRow(a, i) => s.form.remove_row(&a, i),
            Action::Monthly(a, on) => s.form.set_monthly(&a, on),
            Action::Load(v) => {
                s.form = Form::from_request(&v);
                s.demo = false;
                s.view = View::Estimate;
                s.notice = None;
            }
            Action::Demo | Action::Example(_) => {
                let json = match action {
                    Action::Example(id) => crate::examples::by_id(id).map_or(DEMO, |e| e.json),
                    _ => DEMO,
                };
                if let Ok(v) = serde_json::from_str::<Value>(json) {
                    s.form = Form::from_request(&v);
                }
                s.demo = true;
            }
            Action::Clear => {
                s.form = Form::new(crate::platform::this_year());
                s.demo = false;
            }
            Action::Lang(l) => {
                s.lang = l;
                form_changed = false;
            }
            Action::View(v) => {
                s.view = v;
                form_changed = false;
            }
        }
        if form_changed {
            s.recompute();
        }
        Rc::new(s)
    }
}
