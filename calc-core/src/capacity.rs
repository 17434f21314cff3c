//! Places and carers (SPEC §6) — placeholder until the capacity issue lands.

use crate::error::Error;
use crate::statement::ParamUse;
use serde::{Deserialize, Serialize};

/// Request section `capacity`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CapacityRequest {}

impl CapacityRequest {
    /// Checks the section.
    ///
    /// # Errors
    /// The first problem, with its path.
    pub fn validate(&self) -> Result<(), Error> {
        Ok(())
    }
}

/// Result section `capacity`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CapacityResult {
    /// Parameters used.
    pub parameters: Vec<ParamUse>,
}

pub(crate) fn compute(
    _r: &CapacityRequest,
    _ctx: &crate::lines::Ctx<'_>,
) -> Result<CapacityResult, Error> {
    Ok(CapacityResult::default())
}
