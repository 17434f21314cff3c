//! The catalogue of lines: their stable ids and labels (SPEC §9), the law text each encodes
//! ([`LineDoc`], written in the line's module) and how each is claimed ([`Procedure`]).

use super::{cit, deed, fees, land_use, property, surcharges, utilities, vat};
use crate::statement::Beneficiary;

macro_rules! line_ids {
    ($($variant:ident = $id:literal, $zh:literal, $en:literal, $ben:ident;)*) => {
        /// A line of the statement, by its stable id (SPEC §9).
        ///
        /// Written and read as its id string (`"vat_exemption"`). A statement of a later
        /// version may hold a line this one does not know: it reads as [`LineId::Other`] and is
        /// written back as it was (see [`crate::open`]). [`LineId::from_id`] and `parse` know
        /// only this version's lines.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum LineId { $(
            #[doc = $zh]
            $variant,
        )*
            /// A line of a later version, read from its statement: its id as written. Its
            /// labels are the id (the statement's `label_zh`/`label_en` have the words), its
            /// [`doc`](LineId::doc) says this version has no text for it. Never in
            /// [`LineId::ALL`], never made by `from_id` or `parse`.
            Other(crate::open::Unknown),
        }

        impl LineId {
            /// Every line, in statement order.
            pub const ALL: &'static [LineId] = &[$(LineId::$variant,)*];
            /// The stable id, e.g. `vat_exemption`.
            #[must_use]
            pub fn as_str(self) -> &'static str { match self { $(LineId::$variant => $id,)* LineId::Other(u) => u.as_str() } }
            /// The line for an id string of this version (`None` for any other text).
            #[must_use]
            pub fn from_id(s: &str) -> Option<LineId> { match s { $($id => Some(LineId::$variant),)* _ => None } }
            /// Chinese label (for [`LineId::Other`], the id).
            #[must_use]
            pub fn label_zh(self) -> &'static str { match self { $(LineId::$variant => $zh,)* LineId::Other(u) => u.as_str() } }
            /// English label (for [`LineId::Other`], the id).
            #[must_use]
            pub fn label_en(self) -> &'static str { match self { $(LineId::$variant => $en,)* LineId::Other(u) => u.as_str() } }
            /// Who the saving goes to (the lines calc-core computes; a read-back statement
            /// has each line's `beneficiary`).
            #[must_use]
            pub(crate) fn beneficiary(self) -> Beneficiary { match self { $(LineId::$variant => Beneficiary::$ben,)* LineId::Other(_) => Beneficiary::Facility } }
        }
    };
}

line_ids! {
    VatExemption = "vat_exemption", "增值税免征", "VAT exemption", Facility;
    VatSurcharges = "vat_surcharges", "附加税费（城建税、教育费附加、地方教育附加）", "VAT surcharges (city maintenance tax, education surcharges)", Facility;
    CitIncomeReduction = "cit_income_reduction", "企业所得税：收入减按90%计入收入总额", "Corporate income tax: revenue counted at 90%", Facility;
    PropertyTax = "property_tax", "房产税免征（自有、无偿使用）", "Property tax exemption (owned, free use)", Facility;
    PropertyTaxLeased = "property_tax_leased", "房产税免征（承租房产，出租方受益）", "Property tax exemption (leased; saved by the landlord)", Landlord;
    LandUseTax = "land_use_tax", "城镇土地使用税免征（自有、无偿使用）", "Urban land use tax exemption (owned, free use)", Facility;
    LandUseTaxLeased = "land_use_tax_leased", "城镇土地使用税免征（承租土地，出租方受益）", "Urban land use tax exemption (leased; saved by the landlord)", Landlord;
    DeedTax = "deed_tax", "契税免征", "Deed tax exemption", Facility;
    RegistrationFee = "registration_fee", "不动产登记费免征", "Real estate registration fee waived", Facility;
    FarmlandReclamationFee = "farmland_reclamation_fee", "耕地开垦费免征", "Farmland reclamation fee waived", Facility;
    LandReclamationFee = "land_reclamation_fee", "土地复垦费免征", "Land reclamation fee waived", Facility;
    LandIdleFee = "land_idle_fee", "土地闲置费免征", "Land idle fee waived", Facility;
    InfrastructureFee = "infrastructure_fee", "城市基础设施配套费免征", "Urban infrastructure fee waived", Facility;
    AirDefenceFee = "air_defence_fee", "防空地下室易地建设费免征", "Civil air defence basement fee waived", Facility;
    UtilityElectricity = "utility_electricity", "用电按居民合表电价", "Electricity at the household price", Facility;
    UtilityGas = "utility_gas", "用气按居民第一档气价", "Gas at the household price", Facility;
    UtilityWater = "utility_water", "用水按居民生活用水价格", "Water at the household price", Facility;
    UtilityBroadband = "utility_broadband", "宽带按家庭住宅价格", "Broadband at the household price", Facility;
}

impl std::fmt::Display for LineId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`LineId::from_str`](std::str::FromStr::from_str): no line has this id.
///
/// ```
/// use calc_core::LineId;
/// assert_eq!("deed_tax".parse::<LineId>(), Ok(LineId::DeedTax));
/// assert_eq!("vat".parse::<LineId>().unwrap_err().0, "vat");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLineId(pub String);

impl std::fmt::Display for UnknownLineId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown line id \"{}\": the ids are listed by LineId::ALL (SPEC §9)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLineId {}

impl std::str::FromStr for LineId {
    type Err = UnknownLineId;
    fn from_str(s: &str) -> Result<LineId, UnknownLineId> {
        LineId::from_id(s).ok_or_else(|| UnknownLineId(s.to_string()))
    }
}

impl PartialEq<str> for LineId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for LineId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

crate::open::open_names!(LineId, LineId::from_id, "a line id, e.g. \"vat_exemption\"");

/// What a line computes and on which article, written once next to the rule it describes (each
/// line's module holds its own): what `tuoyu explain` prints and the page shows.
///
/// ```
/// use calc_core::LineId;
/// let doc = LineId::CitIncomeReduction.doc();
/// assert!(doc.quote_zh.contains("减按90%计入收入总额"));
/// assert!(doc.formula.contains("national.community.income_inclusion_ratio"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineDoc {
    /// The article (document and article number), zh / en.
    pub article: &'static str,
    /// The article's words, in Chinese: the law's text, quoted (`……` marks words left out).
    pub quote_zh: &'static str,
    /// An English rendering of [`quote_zh`](LineDoc::quote_zh) made for this program, to help a
    /// reader: **not an official translation** (there is none); the Chinese text is the law.
    /// Show it marked as such, e.g. with [`LineDoc::UNOFFICIAL_EN`].
    pub quote_en: &'static str,
    /// What the line computes, in Chinese.
    pub computes_zh: &'static str,
    /// What the line computes, in English.
    pub computes_en: &'static str,
    /// The formula, naming the parameters by id.
    pub formula: &'static str,
}

impl LineDoc {
    /// The text of a line this version does not know ([`LineId::Other`]): it says so.
    pub const UNKNOWN: LineDoc = LineDoc {
        article: "",
        quote_zh: "",
        quote_en: "",
        computes_zh: "本版本的 calc-core 不认识这一行（由更新的版本写出），没有它的条文",
        computes_en: "A line of a later version of calc-core: this version has no text for it.",
        formula: "",
    };

    /// The mark to show with [`quote_en`](LineDoc::quote_en), in English and in Chinese: the
    /// English words are this program's rendering, not an official translation.
    ///
    /// ```
    /// use calc_core::{LineDoc, LineId};
    ///
    /// let doc = LineId::DeedTax.doc();
    /// let shown = format!("\"{}\" ({})", doc.quote_en, LineDoc::UNOFFICIAL_EN.1);
    /// assert!(shown.ends_with("(unofficial translation, not the official text)"));
    /// ```
    pub const UNOFFICIAL_EN: (&'static str, &'static str) = (
        "非官方译文，以中文原文为准",
        "unofficial translation, not the official text",
    );
}

impl LineId {
    /// What the line computes and on which article: the law text, written once in the line's
    /// module next to the rule it describes. `tuoyu explain` prints it; the page shows it.
    ///
    /// ```
    /// use calc_core::LineId;
    ///
    /// let doc = LineId::VatExemption.doc();
    /// assert_eq!(doc.article, "一（一） / art.1(1)");
    /// assert_eq!(doc.quote_zh, "提供社区养老、托育、家政服务取得的收入，免征增值税。");
    /// // The formula names the parameters it reads by their ids.
    /// assert!(doc.formula.contains("national.vat.general_rate"));
    /// // Every line has one.
    /// assert!(LineId::ALL.iter().all(|l| !l.doc().computes_en.is_empty()));
    /// ```
    #[must_use]
    pub fn doc(self) -> &'static LineDoc {
        match self {
            LineId::VatExemption => &vat::DOC,
            LineId::VatSurcharges => &surcharges::DOC,
            LineId::CitIncomeReduction => &cit::DOC,
            LineId::PropertyTax => &property::DOC,
            LineId::PropertyTaxLeased => &property::DOC_LEASED,
            LineId::LandUseTax => &land_use::DOC,
            LineId::LandUseTaxLeased => &land_use::DOC_LEASED,
            LineId::DeedTax => &deed::DOC,
            LineId::RegistrationFee => &fees::DOC_REGISTRATION,
            LineId::FarmlandReclamationFee => &fees::DOC_FARMLAND_RECLAMATION,
            LineId::LandReclamationFee => &fees::DOC_LAND_RECLAMATION,
            LineId::LandIdleFee => &fees::DOC_LAND_IDLE,
            LineId::InfrastructureFee => &fees::DOC_INFRASTRUCTURE,
            LineId::AirDefenceFee => &fees::DOC_AIR_DEFENCE,
            LineId::UtilityElectricity => &utilities::DOC_ELECTRICITY,
            LineId::UtilityGas => &utilities::DOC_GAS,
            LineId::UtilityWater => &utilities::DOC_WATER,
            LineId::UtilityBroadband => &utilities::DOC_BROADBAND,
            LineId::Other(_) => &LineDoc::UNKNOWN,
        }
    }
}

/// How a preference is claimed in practice, next to the article it implements, with where that
/// is written and how sure it is (most procedures were not found in the texts: said so).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Procedure {
    pub zh: &'static str,
    pub en: &'static str,
    pub document: &'static str,
    /// The document's title in English.
    pub title_en: &'static str,
    pub article: &'static str,
    /// The article in English (this program's rendering, not an official translation).
    pub article_en: &'static str,
    pub url: Option<&'static str>,
    /// Why there is no `url` (every procedure has one or the other).
    pub url_note: Option<&'static str>,
    pub confidence: crate::params::Confidence,
}

/// The procedure of a line this version does not know ([`LineId::Other`]): it says so.
const UNKNOWN_HOW_TO_CLAIM: Procedure = Procedure {
    zh: "本版本的 calc-core 不认识这一行（由更新的版本写出），没有它的办理方式",
    en: "A line of a later version of calc-core: this version does not know how it is claimed.",
    document: "tuoyu",
    title_en: "tuoyu",
    article: "—",
    article_en: "—",
    url: None,
    url_note: Some("本版本不认识的行 / a line this version does not know"),
    confidence: crate::params::Confidence::Unverified,
};

impl Procedure {
    pub fn to_output(self) -> crate::statement::HowToClaim {
        crate::statement::HowToClaim {
            zh: self.zh.into(),
            en: self.en.into(),
            source: crate::params::Citation {
                document: self.document.into(),
                title_en: Some(self.title_en.into()),
                article: self.article.into(),
                article_en: Some(self.article_en.into()),
                published: None,
                url: self.url.map(Into::into),
                url_note: self.url_note.map(Into::into),
            },
            confidence: self.confidence,
        }
    }
}

impl LineId {
    /// How the line's preference is claimed (data in the line's module).
    pub(crate) fn how_to_claim(self) -> Procedure {
        match self {
            LineId::VatExemption | LineId::VatSurcharges => vat::HOW_TO_CLAIM,
            LineId::CitIncomeReduction => cit::HOW_TO_CLAIM,
            LineId::PropertyTax | LineId::PropertyTaxLeased => property::HOW_TO_CLAIM,
            LineId::LandUseTax | LineId::LandUseTaxLeased => land_use::HOW_TO_CLAIM,
            LineId::DeedTax => deed::HOW_TO_CLAIM,
            LineId::RegistrationFee
            | LineId::FarmlandReclamationFee
            | LineId::LandReclamationFee
            | LineId::LandIdleFee
            | LineId::InfrastructureFee
            | LineId::AirDefenceFee => fees::HOW_TO_CLAIM,
            LineId::UtilityElectricity
            | LineId::UtilityGas
            | LineId::UtilityWater
            | LineId::UtilityBroadband => utilities::HOW_TO_CLAIM,
            LineId::Other(_) => UNKNOWN_HOW_TO_CLAIM,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LineId;

    #[test]
    fn every_procedure_says_where_its_text_is_or_why_not() {
        for l in LineId::ALL {
            let h = l.how_to_claim().to_output();
            assert!(
                h.source.url.is_some() || h.source.url_note.is_some(),
                "{}: the procedure needs a url or a url_note",
                l.as_str()
            );
        }
    }
}
