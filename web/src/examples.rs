//! The starting points offered on the first screen: example requests of Jinning facilities, kept
//! as request JSON (data, not logic). Their figures are examples, labelled so on the page; the
//! utility prices are example prices (Kunming's tariffs were not found).

/// An example: a stable id (the button's `data-example`), its name in Chinese and English, and
/// its `tuoyu.request.v1` JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id.
    pub id: &'static str,
    /// Button text in Chinese.
    pub zh: &'static str,
    /// Button text in English.
    pub en: &'static str,
    /// The request JSON.
    pub json: &'static str,
}

/// The three starting points, in the order shown: a small community nursery (the demo
/// facility), a chain enterprise's branch, a non-profit social organisation.
pub const EXAMPLES: [Example; 3] = [
    Example {
        id: "community",
        zh: "小型社区托育园",
        en: "Small community nursery",
        json: crate::form::DEMO,
    },
    Example {
        id: "chain",
        zh: "连锁托育企业分园",
        en: "Branch of a childcare chain",
        json: include_str!("examples/chain.json"),
    },
    Example {
        id: "nonprofit",
        zh: "民办非营利托育机构",
        en: "Non-profit social organisation",
        json: include_str!("examples/nonprofit.json"),
    },
];

/// The example with id `id`.
#[must_use]
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
