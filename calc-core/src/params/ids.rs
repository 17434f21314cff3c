//! The parameter ids the code knows. They are a public contract (overrides and statements use
//! them): add, never rename.

/// The shape a parameter's values take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A decimal figure.
    Decimal,
    /// A yes/no rule.
    Flag,
    /// A marginal scale.
    Schedule,
    /// An inclusive range.
    Band,
    /// A table indexed from 1.
    Table,
}

macro_rules! param_ids {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal : $kind:ident, )*) => {
        /// A parameter, by its public id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ParamId {
            $( $(#[$doc])* $variant, )*
        }

        impl ParamId {
            /// Every id, in declaration order.
            pub const ALL: &'static [ParamId] = &[$(ParamId::$variant,)*];

            /// The public id, e.g. `national.vat.general_rate`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(ParamId::$variant => $id,)* }
            }

            /// The id for a public id string.
            #[must_use]
            pub fn from_id(s: &str) -> Option<ParamId> {
                match s { $($id => Some(ParamId::$variant),)* _ => None }
            }

            /// The shape of the parameter's values.
            #[must_use]
            pub fn kind(self) -> Kind {
                match self { $(ParamId::$variant => Kind::$kind,)* }
            }
        }
    };
}

param_ids! {
    /// The two community-preference windows (76号, 2026年第7号).
    CommunityInForce = "national.community.preferences_in_force": Flag,
    /// Household prices for utilities (district plan 五(三)).
    UtilitiesHousehold = "jinning.utilities.household_prices": Flag,
    /// General VAT rate on services.
    VatGeneralRate = "national.vat.general_rate": Decimal,
    /// Small-scale VAT levy rate.
    VatSmallScaleLevyRate = "national.vat.small_scale_levy_rate": Decimal,
    /// Small-scale monthly sales threshold.
    VatSmallScaleThreshold = "national.vat.small_scale_threshold_monthly": Decimal,
    /// Whether sales exactly at the threshold are exempt.
    VatSmallScaleThresholdInclusive = "national.vat.small_scale_threshold_inclusive": Flag,
    /// 城建税 rate, city.
    SurchargeCityUrban = "national.surcharge.city_rate.urban": Decimal,
    /// 城建税 rate, county town or town.
    SurchargeCityTown = "national.surcharge.city_rate.town": Decimal,
    /// 城建税 rate, elsewhere.
    SurchargeCityOther = "national.surcharge.city_rate.other": Decimal,
    /// 教育费附加 rate.
    SurchargeEducation = "national.surcharge.education_rate": Decimal,
    /// 地方教育附加 rate.
    SurchargeLocalEducation = "national.surcharge.local_education_rate": Decimal,
    /// 六税两费 reduction for small-scale taxpayers.
    SmallScaleReduction = "yunnan.small_scale_reduction": Decimal,
    /// 六税两费 reduction for small low-profit enterprises.
    SlpeReduction = "yunnan.slpe_reduction": Decimal,
    /// Share of community revenue counted in total revenue (0.9).
    IncomeInclusionRatio = "national.community.income_inclusion_ratio": Decimal,
    /// CIT rate.
    CitRate = "national.cit.rate": Decimal,
    /// Small low-profit enterprise taxable income cap.
    CitSlpeIncomeCap = "national.cit.slpe_income_cap": Decimal,
    /// Small low-profit enterprise marginal scale.
    CitSlpeSchedule = "national.cit.slpe_schedule": Schedule,
    /// Property tax rate on residual value.
    PropertyResidualRate = "national.property_tax.residual_rate": Decimal,
    /// Property tax rate on rent.
    PropertyRentRate = "national.property_tax.rent_rate": Decimal,
    /// Deduction from original value (Yunnan).
    PropertyDeductionRatio = "yunnan.property_tax.deduction_ratio": Decimal,
    /// Land use tax band for a large city.
    LandUseLargeCityBand = "national.land_use_tax.large_city_band": Band,
    /// Deed tax rate (Yunnan).
    DeedTaxRate = "yunnan.deed_tax.rate": Decimal,
    /// Registration fee, non-residential.
    FeeRegistrationNonResidential = "national.fees.registration.non_residential": Decimal,
    /// Registration fee, residential.
    FeeRegistrationResidential = "national.fees.registration.residential": Decimal,
    /// Land idle fee ratio.
    FeeLandIdleRatio = "national.fees.land_idle_ratio": Decimal,
    /// Kunming public kindergarten fee by grade (2013).
    KindergartenFeeByGrade = "kunming.kindergarten_fee_by_grade": Table,
    /// Working days per month.
    DaysPerMonth = "national.days_per_month": Decimal,
    /// Hours of a full day of care.
    FullDayHours = "national.fee_benchmark.full_day_hours": Decimal,
    /// Hours of a half day of care.
    HalfDayHours = "national.fee_benchmark.half_day_hours": Decimal,
    /// Places per 1,000 residents, new areas.
    PlacesNewArea = "jinning.places_per_thousand.new_area": Decimal,
    /// Places per 1,000 residents, old areas.
    PlacesOldArea = "jinning.places_per_thousand.old_area": Decimal,
    /// Class size, infant.
    ClassSizeInfant = "national.childcare_standard.class_size.infant": Decimal,
    /// Class size, young toddler.
    ClassSizeYoungToddler = "national.childcare_standard.class_size.young_toddler": Decimal,
    /// Class size, older toddler.
    ClassSizeOlderToddler = "national.childcare_standard.class_size.older_toddler": Decimal,
    /// Class size, mixed.
    ClassSizeMixed = "national.childcare_standard.class_size.mixed": Decimal,
    /// Carer ratio, infant.
    CarerRatioInfant = "national.childcare_standard.carer_ratio.infant": Decimal,
    /// Carer ratio, young toddler.
    CarerRatioYoungToddler = "national.childcare_standard.carer_ratio.young_toddler": Decimal,
    /// Carer ratio, older toddler.
    CarerRatioOlderToddler = "national.childcare_standard.carer_ratio.older_toddler": Decimal,
    /// Carer ratio, mixed (assumption).
    CarerRatioMixed = "national.childcare_standard.carer_ratio.mixed": Decimal,
    /// Children from which a full-time health worker is required.
    HealthWorkerThreshold = "national.childcare_standard.health_worker_threshold": Decimal,
    /// Donation cap as a share of profit.
    DonationProfitCapRatio = "national.donation.profit_cap_ratio": Decimal,
    /// Years a donation may be carried forward.
    DonationCarryForwardYears = "national.donation.carry_forward_years": Decimal,
    /// Small-scale quarterly sales threshold (filing by quarter).
    VatSmallScaleThresholdQuarterly = "national.vat.small_scale_threshold_quarterly": Decimal,
    /// VAT Law art.24(7): nurseries' 育养服务 exempt (window `vat_law_24_7`, open-ended).
    VatLawNurseryExemption = "national.vat_law.nursery_exemption_in_force": Flag,
    /// 育儿补贴 per child under 3, per year.
    HouseholdChildcareSubsidyAnnual = "national.household.childcare_subsidy_annual": Decimal,
    /// 3岁以下婴幼儿照护专项附加扣除 per child per month.
    HouseholdIitInfantDeductionMonthly = "national.household.iit_infant_deduction_monthly": Decimal,
}

/// The level of government whose figure a parameter is (SPEC §12.6): national figures hold
/// everywhere; a local figure comes from the region pack of the request's `facility.region`
/// at that level (province `xx0000`, city `xxxx00`, district or county `xxxxxx`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// The State Council, ministries, national laws.
    National,
    /// A province, autonomous region or municipality (`xx0000`).
    Province,
    /// A prefecture-level city (`xxxx00`).
    City,
    /// A district or county (`xxxxxx`).
    District,
}

impl Level {
    /// The level's name as used in generic parameter ids: `province`, `city`, `district`
    /// (`national` for national figures).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::District => "district",
        }
    }

    /// The level of an administrative division code (`530000` a province, `530100` a city,
    /// `530115` a district).
    #[must_use]
    pub fn of_code(code: u32) -> Level {
        if code % 10_000 == 0 {
            Level::Province
        } else if code % 100 == 0 {
            Level::City
        } else {
            Level::District
        }
    }

    /// The code of the division at this level containing `code` (`530115` → province
    /// `530000`, city `530100`, district `530115`); `None` for [`Level::National`] and for a
    /// level below the division itself (a city code has no district, a province code no city).
    ///
    /// ```
    /// use calc_core::params::Level;
    /// assert_eq!(Level::City.code_within(530_115), Some(530_100));
    /// assert_eq!(Level::District.code_within(530_100), None);
    /// assert_eq!(Level::City.code_within(530_000), None);
    /// ```
    #[must_use]
    pub fn code_within(self, code: u32) -> Option<u32> {
        let own = Level::of_code(code);
        match self {
            Level::National => None,
            Level::Province => Some(code / 10_000 * 10_000),
            Level::City if own != Level::Province => Some(code / 100 * 100),
            Level::District if own == Level::District => Some(code),
            Level::City | Level::District => None,
        }
    }
}

impl ParamId {
    /// The level of government whose figure this is. The local parameters' public ids name the
    /// first region pack that carried them (`yunnan.deed_tax.rate`); they resolve, for any
    /// region, to that region's pack at the level (SPEC §12.6).
    #[must_use]
    pub fn level(self) -> Level {
        match self {
            ParamId::SmallScaleReduction
            | ParamId::SlpeReduction
            | ParamId::PropertyDeductionRatio
            | ParamId::DeedTaxRate => Level::Province,
            ParamId::KindergartenFeeByGrade => Level::City,
            ParamId::UtilitiesHousehold | ParamId::PlacesNewArea | ParamId::PlacesOldArea => {
                Level::District
            }
            _ => Level::National,
        }
    }

    /// The part of a local id after its region prefix (`deed_tax.rate` for
    /// `yunnan.deed_tax.rate`); the whole id for a national parameter.
    #[must_use]
    pub fn role(self) -> &'static str {
        let id = self.as_str();
        match self.level() {
            Level::National => id,
            _ => id.split_once('.').map_or(id, |(_, rest)| rest),
        }
    }

    /// The id that names a local parameter whatever the region: `province.deed_tax.rate`
    /// (the level, then the role). The id itself for a national parameter.
    ///
    /// ```
    /// use calc_core::params::ParamId;
    /// assert_eq!(ParamId::DeedTaxRate.generic_id(), "province.deed_tax.rate");
    /// assert_eq!(ParamId::from_any_id("province.deed_tax.rate"), Some(ParamId::DeedTaxRate));
    /// assert_eq!(ParamId::VatGeneralRate.generic_id(), "national.vat.general_rate");
    /// ```
    #[must_use]
    pub fn generic_id(self) -> std::borrow::Cow<'static, str> {
        match self.level() {
            Level::National => self.as_str().into(),
            level => format!("{}.{}", level.as_str(), self.role()).into(),
        }
    }

    /// The parameter for a public id (`yunnan.deed_tax.rate`) or a generic local id
    /// (`province.deed_tax.rate`).
    #[must_use]
    pub fn from_any_id(s: &str) -> Option<ParamId> {
        ParamId::from_id(s).or_else(|| {
            let (level, role) = s.split_once('.')?;
            ParamId::ALL.iter().copied().find(|id| {
                id.level().as_str() == level && id.level() != Level::National && id.role() == role
            })
        })
    }

    /// The local parameter of `level` whose role is `role`.
    #[must_use]
    pub fn local(level: Level, role: &str) -> Option<ParamId> {
        ParamId::ALL
            .iter()
            .copied()
            .find(|id| id.level() == level && level != Level::National && id.role() == role)
    }
}
