//! Donations (SPEC §7) — placeholder until the donations issue lands.

use crate::error::Error;
use crate::statement::ParamUse;
use serde::{Deserialize, Serialize};

/// Request section `donations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DonationsRequest {}

impl DonationsRequest {
    /// Checks the section.
    ///
    /// # Errors
    /// The first problem, with its path.
    pub fn validate(&self, _year: i32) -> Result<(), Error> {
        Ok(())
    }
}

/// Result section `donations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DonationsResult {
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
}

pub(crate) fn compute(
    _r: &DonationsRequest,
    _ctx: &crate::lines::Ctx<'_>,
) -> Result<DonationsResult, Error> {
    Ok(DonationsResult::default())
}
