//! Claim mapping: a record's cells become a validated [`Claim`] ([`ClaimHeaders::claim`]) and a
//! claim becomes cells again ([`ClaimHeaders::record`]). Cells are read as people type them —
//! amounts with thousands separators or `万`, 12 monthly amounts separated by `;`, `true`/`是`,
//! dates `YYYY-MM-DD`, one of a list of names — and an error names the column at fault.

use super::columns::{doc, json_path, Col};
use super::ClaimHeaders;
use crate::error::Error;
use crate::money::{parse_decimal, Dec};
use crate::request::{
    Acquisition, AcquisitionKind, Amount, Facility, IncomeTax, LegalForm, LocationClass, Plot,
    Property, Request, Revenue, ServiceMode, Taxpayer, Tenure, VatKind, VatPeriod, REQUEST_SCHEMA,
};
use crate::verify::{Claim, Claimed, ValidClaim, CLAIM_SCHEMA};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

impl ClaimHeaders {
    /// The claim's id cell, if there is one (for the report of a record that fails).
    #[must_use]
    pub fn id_of<'f>(&self, fields: &[&'f str]) -> Option<&'f str> {
        let i = self.cols.iter().position(|(c, _)| *c == Col::Id)?;
        fields.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// Turns a record into a validated claim.
    ///
    /// # Errors
    /// An [`Error`] whose path is the column at fault.
    pub fn claim(&self, fields: &[&str]) -> Result<Claim, Error> {
        self.valid_claim(fields).map(ValidClaim::into_claim)
    }

    /// [`ClaimHeaders::claim`], the claim marked as validated: it can be verified with
    /// [`crate::verify::verify_valid_into`] without validating it again.
    ///
    /// # Errors
    /// An [`Error`] whose path is the column at fault.
    pub fn valid_claim(&self, fields: &[&str]) -> Result<ValidClaim, Error> {
        if fields.len() != self.cols.len() {
            return Err(Error::new(
                "",
                &format!(
                    "该行有 {} 个字段，表头有 {} 列",
                    fields.len(),
                    self.cols.len()
                ),
                &format!(
                    "the record has {} fields but the header has {} columns",
                    fields.len(),
                    self.cols.len()
                ),
            ));
        }
        let mut b = Builder::default();
        for (i, ((col, idx), cell)) in self.cols.iter().zip(fields).enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            b.set(*col, *idx, cell)
                .map_err(|(zh, en)| Error::new(&self.headings[i], &zh, &en))?;
        }
        let claim = b.finish().map_err(|c| {
            let name = self.name_of(c, 0);
            Error::new(&name, "必填，不能为空", "is required but empty")
        })?;
        claim.validate().map_err(|e| self.to_column_error(e))?;
        Ok(ValidClaim::trusted(claim))
    }

    fn name_of(&self, c: Col, idx: usize) -> String {
        self.cols
            .iter()
            .position(|x| *x == (c, idx))
            .map_or_else(|| doc(c).name.to_string(), |i| self.headings[i].clone())
    }

    /// Maps an error on a claim's JSON path back to the column that filled it.
    fn to_column_error(&self, e: Error) -> Error {
        let mut best: Option<(usize, String)> = None;
        for (i, (c, idx)) in self.cols.iter().enumerate() {
            let path = json_path(*c, *idx);
            let hit = e.path() == path
                || e.path().starts_with(&format!("{path}."))
                || e.path().starts_with(&format!("{path}["));
            // `…used_to` errors name the used_to path; prefer the longest match.
            if hit && best.as_ref().is_none_or(|(l, _)| path.len() > *l) {
                best = Some((path.len(), self.headings[i].clone()));
            }
        }
        let Some((_, column)) = best else {
            return e;
        };
        e.at(&column)
    }

    /// The cells of `claim` under these headers — the inverse of [`ClaimHeaders::claim`].
    ///
    /// # Errors
    /// When the claim holds something these columns cannot carry: fees, utilities, parameter
    /// overrides, the fee-benchmark, capacity or donations sections, or more properties, plots or
    /// acquisitions than the header numbers (the path names the first such field).
    pub fn record(&self, claim: &Claim) -> Result<Vec<String>, Error> {
        let r = &claim.request;
        let refuse = |path: &str| {
            Err(Error::new(
                path,
                "CSV 列无法表示该字段（请使用 JSON Lines）",
                "has no CSV column (use JSON Lines)",
            ))
        };
        if r.fees.is_some() {
            return refuse("request.fees");
        }
        if r.utilities.is_some() {
            return refuse("request.utilities");
        }
        if !r.parameters.is_empty() {
            return refuse("request.parameters");
        }
        if r.fee_benchmark.is_some() || r.capacity.is_some() || r.donations.is_some() {
            return refuse("request");
        }
        let has = |c: Col, i: usize| self.cols.contains(&(c, i));
        for (i, p) in r.properties.iter().enumerate() {
            let need = [
                (Col::PropertyTenure, p.tenure.is_some()),
                (Col::PropertyValue, p.original_value.is_some()),
                (Col::PropertyRent, p.annual_rent.is_some()),
                (Col::PropertyFrom, p.used_from.is_some()),
                (Col::PropertyTo, p.used_to.is_some()),
            ];
            if need.iter().any(|(c, set)| *set && !has(*c, i))
                || !need.iter().any(|(c, _)| has(*c, i))
            {
                return refuse(&format!("request.properties[{i}]"));
            }
        }
        for (i, p) in r.land.iter().enumerate() {
            let need = [
                (Col::LandArea, p.area_m2.is_some()),
                (Col::LandTax, p.tax_per_m2.is_some()),
                (Col::LandTenure, p.tenure.is_some()),
                (Col::LandFrom, p.used_from.is_some()),
                (Col::LandTo, p.used_to.is_some()),
            ];
            if need.iter().any(|(c, set)| *set && !has(*c, i))
                || !need.iter().any(|(c, _)| has(*c, i))
            {
                return refuse(&format!("request.land[{i}]"));
            }
        }
        for (i, a) in r.acquisitions.iter().enumerate() {
            let need = [
                (Col::AcqKind, a.kind.is_some()),
                (Col::AcqPrice, a.price.is_some()),
                (Col::AcqDate, a.date.is_some()),
            ];
            if need.iter().any(|(c, set)| *set && !has(*c, i))
                || !need.iter().any(|(c, _)| has(*c, i))
            {
                return refuse(&format!("request.acquisitions[{i}]"));
            }
        }
        let f = &r.facility;
        let tp = r.taxpayer.as_ref();
        let rev = r.revenue.as_ref();
        let d = |x: Option<&Dec>| x.map(ToString::to_string).unwrap_or_default();
        let dt = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        let mut out = Vec::with_capacity(self.cols.len());
        for (c, i) in &self.cols {
            let (i, c) = (*i, *c);
            let prop = r.properties.get(i);
            let plot = r.land.get(i);
            let acq = r.acquisitions.get(i);
            let cell = match c {
                Col::Id => claim.id.clone().unwrap_or_default(),
                Col::Year => r.year.to_string(),
                Col::FacilityName => f.name.clone().unwrap_or_default(),
                Col::LegalForm_ => name_in(LEGAL_FORMS, &f.legal_form),
                Col::CommunityBased => f.community_based.to_string(),
                Col::ServiceModes => f
                    .service_modes
                    .iter()
                    .map(|m| name_in(SERVICE_MODES, m))
                    .collect::<Vec<_>>()
                    .join(";"),
                Col::Filed => f.filed_with_health_commission.to_string(),
                Col::LocationClass_ => f
                    .location_class
                    .map(|l| name_in(LOCATION_CLASSES, &l))
                    .unwrap_or_default(),
                Col::Vat => tp
                    .and_then(|t| t.vat)
                    .map(|v| name_in(VAT_KINDS, &v))
                    .unwrap_or_default(),
                Col::SmallLowProfit => tp
                    .and_then(|t| t.small_low_profit)
                    .map(|b| b.to_string())
                    .unwrap_or_default(),
                Col::VatPeriod_ => tp
                    .and_then(|t| t.vat_period)
                    .map(|v| name_in(VAT_PERIODS, &v))
                    .unwrap_or_default(),
                Col::NurseryVatLaw => f.nursery_vat_law.map(|b| b.to_string()).unwrap_or_default(),
                Col::Region => f.region.clone().unwrap_or_default(),
                Col::ChildcareRevenue => rev
                    .and_then(|r| r.childcare.as_ref())
                    .map(amount_text)
                    .unwrap_or_default(),
                Col::OtherRevenue => rev
                    .and_then(|r| r.other.as_ref())
                    .map(amount_text)
                    .unwrap_or_default(),
                Col::InputVat => d(rev.and_then(|r| r.input_vat_on_childcare.as_ref())),
                Col::TaxableIncome => d(r
                    .income_tax
                    .as_ref()
                    .and_then(|t| t.taxable_income.as_ref())),
                Col::PropertyTenure => prop
                    .and_then(|p| p.tenure)
                    .map(|t| name_in(TENURES, &t))
                    .unwrap_or_default(),
                Col::PropertyValue => d(prop.and_then(|p| p.original_value.as_ref())),
                Col::PropertyRent => d(prop.and_then(|p| p.annual_rent.as_ref())),
                Col::PropertyFrom => dt(prop.and_then(|p| p.used_from)),
                Col::PropertyTo => dt(prop.and_then(|p| p.used_to)),
                Col::LandArea => d(plot.and_then(|p| p.area_m2.as_ref())),
                Col::LandTax => d(plot.and_then(|p| p.tax_per_m2.as_ref())),
                Col::LandTenure => plot
                    .and_then(|p| p.tenure)
                    .map(|t| name_in(TENURES, &t))
                    .unwrap_or_default(),
                Col::LandFrom => dt(plot.and_then(|p| p.used_from)),
                Col::LandTo => dt(plot.and_then(|p| p.used_to)),
                Col::AcqKind => acq
                    .and_then(|a| a.kind)
                    .map(|k| name_in(ACQUISITION_KINDS, &k))
                    .unwrap_or_default(),
                Col::AcqPrice => d(acq.and_then(|a| a.price.as_ref())),
                Col::AcqDate => dt(acq.and_then(|a| a.date)),
                Col::ClaimedVat => d(claim.claimed.vat_exempt_sales.as_ref()),
                Col::ClaimedCit => d(claim.claimed.cit_income_reduction.as_ref()),
                Col::ClaimedProperty => d(claim.claimed.property_tax_exempt.as_ref()),
                Col::ClaimedLand => d(claim.claimed.land_use_tax_exempt.as_ref()),
                Col::ClaimedDeed => d(claim.claimed.deed_tax_exempt.as_ref()),
            };
            out.push(cell);
        }
        Ok(out)
    }
}

/// Turns one CSV record into a validated claim, given the header record.
///
/// For many records, resolve the headers once with [`ClaimHeaders::new`].
///
/// # Errors
/// An [`Error`] whose path is the CSV column at fault; an unknown header is an error.
pub fn claim_from_record(headers: &[&str], fields: &[&str]) -> Result<Claim, Error> {
    ClaimHeaders::new(headers)?.claim(fields)
}

type CellError = (String, String);

fn bad(what_zh: &str, what_en: &str, cell: &str) -> CellError {
    let shown: String = cell.chars().take(40).collect();
    (
        format!("无法读取“{shown}”：应为{what_zh}"),
        format!("cannot read \"{shown}\": expected {what_en}"),
    )
}

/// A number cell: as JSON writes it, or as people type it (`1,200,000`, `¥1 200 000元`, `120万`),
/// read by the one normaliser of the crate, [`crate::frontend::input::parse_amount`].
fn dec(cell: &str) -> Result<Dec, CellError> {
    parse_decimal(cell)
        .or_else(|| crate::frontend::input::parse_amount(cell).ok())
        .map(Dec)
        .ok_or_else(|| bad("数字，如 1234.56", "a number such as 1234.56", cell))
}

fn amount(cell: &str) -> Result<Amount, CellError> {
    if !cell.contains(';') {
        return dec(cell).map(|d| Amount::Annual(d.0));
    }
    let mut out = [Decimal::ZERO; 12];
    let mut n = 0;
    for part in cell.split(';') {
        if n == 12 {
            return Err((
                "按月填写时必须正好12个金额".into(),
                "a monthly list must have exactly 12 amounts".into(),
            ));
        }
        out[n] = dec(part.trim())?.0;
        n += 1;
    }
    if n != 12 {
        return Err((
            format!("按月填写时必须正好12个金额（现有{n}个）"),
            format!("a monthly list must have exactly 12 amounts (found {n})"),
        ));
    }
    Ok(Amount::Monthly(out))
}

fn boolean(cell: &str) -> Result<bool, CellError> {
    match cell {
        "true" | "TRUE" | "True" | "1" | "yes" | "是" => Ok(true),
        "false" | "FALSE" | "False" | "0" | "no" | "否" => Ok(false),
        _ => Err(bad("true 或 false", "true or false", cell)),
    }
}

fn date(cell: &str) -> Result<NaiveDate, CellError> {
    crate::date::parse(cell).map_err(|_| bad("日期 YYYY-MM-DD", "a date YYYY-MM-DD", cell))
}

/// A choice cell: its code (`enterprise`), or the words the page shows for it in Chinese or
/// English ([`labels`](crate::frontend::labels): `企业（公司）`, or a part of them such as `企业` or
/// `事业单位`; `Enterprise (company)`) — what an officer types in Excel.
fn choice<T: Copy>(
    cell: &str,
    options: &[(&str, T)],
    words: &[crate::frontend::labels::OptionText],
) -> Result<T, CellError> {
    let code = options.iter().find(|(n, _)| *n == cell).map(|(_, v)| *v);
    let worded = || {
        let w = words.iter().find(|w| {
            !w.value.is_empty()
                && (w.en.eq_ignore_ascii_case(cell)
                    || w.zh == cell
                    || w.zh
                        .split(['（', '）', '：', '、'])
                        .any(|part| part == cell))
        })?;
        options.iter().find(|(n, _)| *n == w.value).map(|(_, v)| *v)
    };
    code.or_else(worded).ok_or_else(|| {
        let list: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let list = list.join(" | ");
        let zh: Vec<&str> = words
            .iter()
            .filter(|w| !w.value.is_empty())
            // The word a choice is known by: before its explanation (`企业（公司）` → `企业`)
            // or its detail (`社会组织：民办非企业单位…` → `社会组织`), each of which reads.
            .map(|w| w.zh.split(['（', '：']).next().unwrap_or(w.zh))
            .collect();
        let or_zh = if zh.is_empty() {
            String::new()
        } else {
            format!("（或中文：{}）", zh.join("、"))
        };
        bad(
            &format!("以下之一：{list}{or_zh}"),
            &format!("one of {list}"),
            cell,
        )
    })
}

const TENURES: &[(&str, Tenure)] = &[
    ("owned", Tenure::Owned),
    ("leased", Tenure::Leased),
    ("free_use", Tenure::FreeUse),
];
const LEGAL_FORMS: &[(&str, LegalForm)] = &[
    ("enterprise", LegalForm::Enterprise),
    ("public_institution", LegalForm::PublicInstitution),
    ("social_organization", LegalForm::SocialOrganization),
    ("individual_business", LegalForm::IndividualBusiness),
    ("other", LegalForm::Other),
];
const SERVICE_MODES: &[(&str, ServiceMode)] = &[
    ("full_day", ServiceMode::FullDay),
    ("half_day", ServiceMode::HalfDay),
    ("hourly", ServiceMode::Hourly),
    ("temporary", ServiceMode::Temporary),
];
const LOCATION_CLASSES: &[(&str, LocationClass)] = &[
    ("urban", LocationClass::Urban),
    ("town", LocationClass::Town),
    ("other", LocationClass::Other),
];
const VAT_KINDS: &[(&str, VatKind)] = &[
    ("general", VatKind::General),
    ("small_scale", VatKind::SmallScale),
];
const VAT_PERIODS: &[(&str, VatPeriod)] =
    &[("month", VatPeriod::Month), ("quarter", VatPeriod::Quarter)];
const ACQUISITION_KINDS: &[(&str, AcquisitionKind)] = &[
    ("house", AcquisitionKind::House),
    ("land", AcquisitionKind::Land),
];

fn name_in<T: PartialEq>(options: &[(&'static str, T)], v: &T) -> String {
    options
        .iter()
        .find(|(_, x)| x == v)
        .map_or("", |(n, _)| n)
        .to_string()
}

fn amount_text(a: &Amount) -> String {
    match a {
        Amount::Annual(d) => d.to_string(),
        Amount::Monthly(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
    }
}

fn grow<T: Default>(v: &mut Vec<T>, idx: usize) -> &mut T {
    while v.len() <= idx {
        v.push(T::default());
    }
    &mut v[idx]
}

#[derive(Default)]
struct Builder {
    id: Option<String>,
    year: Option<i32>,
    name: Option<String>,
    legal_form: Option<LegalForm>,
    community_based: Option<bool>,
    service_modes: Option<Vec<ServiceMode>>,
    filed: Option<bool>,
    location_class: Option<LocationClass>,
    nursery_vat_law: Option<bool>,
    region: Option<String>,
    taxpayer: Option<Taxpayer>,
    revenue: Option<Revenue>,
    income_tax: Option<IncomeTax>,
    properties: Vec<Property>,
    land: Vec<Plot>,
    acquisitions: Vec<Acquisition>,
    claimed: Claimed,
}

impl Builder {
    fn taxpayer(&mut self) -> &mut Taxpayer {
        self.taxpayer.get_or_insert(Taxpayer {
            vat: None,
            small_low_profit: None,
            vat_period: None,
        })
    }
    fn revenue(&mut self) -> &mut Revenue {
        self.revenue.get_or_insert(Revenue {
            childcare: None,
            other: None,
            input_vat_on_childcare: None,
        })
    }

    fn set(&mut self, c: Col, i: usize, cell: &str) -> Result<(), CellError> {
        match c {
            Col::Id => self.id = Some(cell.to_string()),
            Col::Year => {
                self.year = Some(
                    cell.parse::<i32>()
                        .map_err(|_| bad("年份，如 2026", "a year such as 2026", cell))?,
                );
            }
            Col::FacilityName => self.name = Some(cell.to_string()),
            Col::LegalForm_ => {
                self.legal_form = Some(choice(
                    cell,
                    LEGAL_FORMS,
                    crate::frontend::labels::LEGAL_FORMS,
                )?);
            }
            Col::CommunityBased => self.community_based = Some(boolean(cell)?),
            Col::ServiceModes => {
                let mut modes = Vec::new();
                for part in cell
                    .split([';', '；', '、'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                {
                    modes.push(choice(
                        part,
                        SERVICE_MODES,
                        crate::frontend::labels::SERVICE_MODES,
                    )?);
                }
                self.service_modes = Some(modes);
            }
            Col::Filed => self.filed = Some(boolean(cell)?),
            Col::LocationClass_ => {
                self.location_class = Some(choice(
                    cell,
                    LOCATION_CLASSES,
                    crate::frontend::labels::LOCATIONS,
                )?);
            }
            Col::Vat => {
                self.taxpayer().vat =
                    Some(choice(cell, VAT_KINDS, crate::frontend::labels::VAT_KINDS)?);
            }
            Col::SmallLowProfit => self.taxpayer().small_low_profit = Some(boolean(cell)?),
            Col::VatPeriod_ => {
                self.taxpayer().vat_period = Some(choice(
                    cell,
                    VAT_PERIODS,
                    crate::frontend::labels::VAT_PERIODS,
                )?)
            }
            Col::NurseryVatLaw => self.nursery_vat_law = Some(boolean(cell)?),
            Col::Region => {
                crate::params::region_code_of(cell).map_err(|_| {
                    bad(
                        "6 位行政区划代码，如 530115",
                        "a six-digit administrative division code such as 530115",
                        cell,
                    )
                })?;
                self.region = Some(cell.to_string());
            }
            Col::ChildcareRevenue => self.revenue().childcare = Some(amount(cell)?),
            Col::OtherRevenue => self.revenue().other = Some(amount(cell)?),
            Col::InputVat => self.revenue().input_vat_on_childcare = Some(dec(cell)?),
            Col::TaxableIncome => {
                self.income_tax = Some(IncomeTax {
                    taxable_income: Some(dec(cell)?),
                });
            }
            Col::PropertyTenure => {
                grow(&mut self.properties, i).tenure =
                    Some(choice(cell, TENURES, crate::frontend::labels::TENURES)?)
            }
            Col::PropertyValue => grow(&mut self.properties, i).original_value = Some(dec(cell)?),
            Col::PropertyRent => grow(&mut self.properties, i).annual_rent = Some(dec(cell)?),
            Col::PropertyFrom => grow(&mut self.properties, i).used_from = Some(date(cell)?),
            Col::PropertyTo => grow(&mut self.properties, i).used_to = Some(date(cell)?),
            Col::LandArea => grow(&mut self.land, i).area_m2 = Some(dec(cell)?),
            Col::LandTax => grow(&mut self.land, i).tax_per_m2 = Some(dec(cell)?),
            Col::LandTenure => {
                grow(&mut self.land, i).tenure =
                    Some(choice(cell, TENURES, crate::frontend::labels::TENURES)?)
            }
            Col::LandFrom => grow(&mut self.land, i).used_from = Some(date(cell)?),
            Col::LandTo => grow(&mut self.land, i).used_to = Some(date(cell)?),
            Col::AcqKind => {
                grow(&mut self.acquisitions, i).kind = Some(choice(
                    cell,
                    ACQUISITION_KINDS,
                    crate::frontend::labels::ACQUISITION_KINDS,
                )?);
            }
            Col::AcqPrice => grow(&mut self.acquisitions, i).price = Some(dec(cell)?),
            Col::AcqDate => grow(&mut self.acquisitions, i).date = Some(date(cell)?),
            Col::ClaimedVat => self.claimed.vat_exempt_sales = Some(dec(cell)?),
            Col::ClaimedCit => self.claimed.cit_income_reduction = Some(dec(cell)?),
            Col::ClaimedProperty => self.claimed.property_tax_exempt = Some(dec(cell)?),
            Col::ClaimedLand => self.claimed.land_use_tax_exempt = Some(dec(cell)?),
            Col::ClaimedDeed => self.claimed.deed_tax_exempt = Some(dec(cell)?),
        }
        Ok(())
    }

    /// The claim, or the first required column left empty.
    fn finish(self) -> Result<Claim, Col> {
        let facility = Facility {
            name: self.name,
            legal_form: self.legal_form.ok_or(Col::LegalForm_)?,
            community_based: self.community_based.ok_or(Col::CommunityBased)?,
            service_modes: self.service_modes.ok_or(Col::ServiceModes)?,
            filed_with_health_commission: self.filed.ok_or(Col::Filed)?,
            location_class: self.location_class,
            nursery_vat_law: self.nursery_vat_law,
            region: self.region,
        };
        let request = Request {
            schema: REQUEST_SCHEMA.to_string(),
            year: self.year.ok_or(Col::Year)?,
            facility,
            taxpayer: self.taxpayer,
            revenue: self.revenue,
            income_tax: self.income_tax,
            // Items are numbered by their columns: a gap (property3 without property2) leaves an
            // empty item, whose lines are `missing_input` — never silently dropped.
            properties: self.properties,
            land: self.land,
            acquisitions: self.acquisitions,
            fees: None,
            utilities: None,
            parameters: BTreeMap::new(),
            fee_benchmark: None,
            capacity: None,
            donations: None,
            household: None,
            scenario: None,
        };
        Ok(Claim {
            schema: CLAIM_SCHEMA.to_string(),
            id: self.id,
            request,
            claimed: self.claimed,
        })
    }
}
