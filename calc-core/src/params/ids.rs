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
