//! The campaign generator: realistic member files from the open data in `crates/adhesion-core/data/open-data/`.
//!
//! Members come in a fixed order, so that a campaign of 100 members is the first 100 of a
//! campaign of 1,250 and every run writes the same bytes:
//!
//! 1. one member per real commune of `ecoles-publiques-53-72-85-rentree-2024.csv`, with its real
//!    name, INSEE code, SIREN and public schools (UAI, pupils, classes);
//! 2. then real communes of `communes-france.csv` (académie de Nantes first: 44, 49, 53, 72, 85,
//!    then the rest of France) with synthetic schools;
//! 3. then real EPCIs (intercommunalities) of the same file, with synthetic schools.
//!
//! People are fictional; phones follow the French numbering plan of the member's region; UAIs
//! of synthetic schools have valid check letters and never collide with the real ones.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Departments of the académie de Nantes, whose communes come right after the real ones.
const ACADEMIE: [&str; 5] = ["44", "49", "53", "72", "85"];

/// The check letters of a UAI, indexed by the 7 digits modulo 23.
const UAI_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// Synthetic schools take serial numbers from here up (real first-degree schools of the data
/// stay well below), per department.
const FIRST_SYNTHETIC_SERIAL: u32 = 5000;

/// The open data, read once.
pub struct Data {
    /// Real public schools, grouped by commune (INSEE code), in INSEE order.
    schools_by_commune: BTreeMap<String, Vec<SchoolRow>>,
    /// Every commune, in file (INSEE) order.
    communes: Vec<CommuneRow>,
}

struct SchoolRow {
    uai: String,
    insee: String,
    denomination: String,
    patronyme: String,
    kind: String,
    departement: String,
    commune: String,
    code_postal: String,
    siren: String,
    classes: u32,
    eleves: u32,
}

struct CommuneRow {
    insee: String,
    siren: String,
    nom: String,
    siren_epci: String,
    nom_epci: String,
}

impl Data {
    /// Reads both CSV files from `dir` (by default `crates/adhesion-core/data/open-data/`).
    pub fn load(dir: &Path) -> io::Result<Data> {
        let mut schools_by_commune: BTreeMap<String, Vec<SchoolRow>> = BTreeMap::new();
        for row in read_csv(&dir.join("ecoles-publiques-53-72-85-rentree-2024.csv"))? {
            let field = |name: &str| row.get(name).cloned().unwrap_or_default();
            let number = |name: &str| field(name).parse::<u32>().unwrap_or(0);
            schools_by_commune
                .entry(field("insee"))
                .or_default()
                .push(SchoolRow {
                    uai: field("uai").to_ascii_uppercase(),
                    insee: field("insee"),
                    denomination: field("denomination"),
                    patronyme: field("patronyme"),
                    kind: field("type"),
                    departement: field("departement"),
                    commune: field("commune"),
                    code_postal: field("code_postal"),
                    siren: field("siren_commune"),
                    classes: number("classes"),
                    eleves: number("eleves"),
                });
        }
        let communes = read_csv(&dir.join("communes-france.csv"))?
            .into_iter()
            .map(|row| {
                let field = |name: &str| row.get(name).cloned().unwrap_or_default();
                CommuneRow {
                    insee: field("insee"),
                    siren: field("siren"),
                    nom: field("nom"),
                    siren_epci: field("siren_epci"),
                    nom_epci: field("nom_epci"),
                }
            })
            .collect();
        Ok(Data {
            schools_by_commune,
            communes,
        })
    }

    /// How many members the data can give: real communes, then every commune, then EPCIs.
    pub fn capacity(&self) -> usize {
        let epcis: HashSet<&str> = self
            .communes
            .iter()
            .map(|c| c.siren_epci.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        self.communes.len() + epcis.len()
    }
}

/// A CSV file as rows of named fields (RFC 4180 quoting, no embedded newlines).
fn read_csv(path: &Path) -> io::Result<Vec<BTreeMap<String, String>>> {
    let text = fs::read_to_string(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?;
    let mut lines = text.lines();
    let header = split_csv_line(lines.next().unwrap_or_default());
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| header.iter().cloned().zip(split_csv_line(l)).collect())
        .collect())
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("one field at least");
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            _ => field.push(c),
        }
    }
    fields
}

/// One member to write.
struct Member {
    id: String,
    dept: String,
    nom: String,
    nature: &'static str,
    siren: String,
    insee: Option<String>,
    adresse: Option<String>,
    /// The commune (the seat of an EPCI), for the place of signature.
    place: String,
    /// The e-mail domain, without `.fr`.
    domain: String,
    /// Whether the schools are real ones from the open data.
    real_schools: bool,
    schools: Vec<School>,
}

struct School {
    nom: String,
    uai: String,
    kind: &'static str,
    eleves: u32,
    classes: u32,
}

/// Writes a campaign of `count` members into `out`: `groupement.yaml` and `templates/` copied
/// from `repo`, members under `members/<dept>/<id>.yaml`. Returns how many came from real data.
pub fn campaign(data: &Data, repo: &Path, out: &Path, count: usize) -> io::Result<usize> {
    if count > data.capacity() {
        return Err(io::Error::other(format!(
            "at most {} members can be generated from the data (communes and EPCIs)",
            data.capacity()
        )));
    }
    fs::create_dir_all(out)?;
    fs::copy(repo.join("groupement.yaml"), out.join("groupement.yaml"))?;
    copy_dir(&repo.join("templates"), &out.join("templates"))?;
    let members_dir = out.join("members");
    if members_dir.exists() {
        fs::remove_dir_all(&members_dir)?;
    }

    let mut generator = Generator::new(data);
    let mut real = 0;
    for (k, member) in generator.members(data).take(count).enumerate() {
        let dir = members_dir.join(&member.dept);
        fs::create_dir_all(&dir)?;
        fs::write(
            dir.join(format!("{}.yaml", member.id)),
            yaml(&member, k as u64),
        )?;
        if k < data.schools_by_commune.len() {
            real += 1;
        }
    }
    Ok(real)
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Hands out ids and synthetic UAIs, never twice.
struct Generator {
    used_ids: HashSet<String>,
    used_uais: HashSet<String>,
    next_serial: BTreeMap<String, u32>,
}

impl Generator {
    fn new(data: &Data) -> Self {
        let used_uais = data
            .schools_by_commune
            .values()
            .flatten()
            .map(|s| s.uai.clone())
            .collect();
        Self {
            used_ids: HashSet::new(),
            used_uais,
            next_serial: BTreeMap::new(),
        }
    }

    /// Every member the data can give, in the documented order.
    fn members<'a>(&'a mut self, data: &'a Data) -> impl Iterator<Item = Member> + 'a {
        let real_communes: Vec<&'a [SchoolRow]> = data
            .schools_by_commune
            .values()
            .map(Vec::as_slice)
            .collect();
        let is_real = |c: &&CommuneRow| data.schools_by_commune.contains_key(&c.insee);
        let in_academie = |c: &&CommuneRow| ACADEMIE.contains(&dept_of(&c.insee).as_str());
        let synthetic: Vec<&'a CommuneRow> = data
            .communes
            .iter()
            .filter(|c| !is_real(c) && in_academie(c))
            .chain(
                data.communes
                    .iter()
                    .filter(|c| !is_real(c) && !in_academie(c)),
            )
            .collect();
        let mut seen_epci = HashSet::new();
        let epcis: Vec<&'a CommuneRow> = data
            .communes
            .iter()
            .filter(|c| !c.siren_epci.is_empty() && seen_epci.insert(c.siren_epci.clone()))
            .collect();

        enum Source<'a> {
            Real(&'a [SchoolRow]),
            Commune(&'a CommuneRow),
            Epci(&'a CommuneRow),
        }
        let sources = real_communes
            .into_iter()
            .map(Source::Real)
            .chain(synthetic.into_iter().map(Source::Commune))
            .chain(epcis.into_iter().map(Source::Epci));
        sources.map(move |source| match source {
            Source::Real(rows) => self.real_member(rows),
            Source::Commune(c) => self.synthetic_commune(c),
            Source::Epci(c) => self.synthetic_epci(c),
        })
    }

    fn real_member(&mut self, rows: &[SchoolRow]) -> Member {
        let first = &rows[0];
        let insee = first.insee.clone();
        let schools = rows
            .iter()
            .map(|r| School {
                nom: real_school_name(r),
                uai: r.uai.clone(),
                kind: school_kind(&r.kind),
                eleves: r.eleves,
                classes: r.classes,
            })
            .collect::<Vec<_>>();
        let nom = commune_title(&first.commune, schools.len() >= 4);
        Member {
            id: self.id(&first.commune, &insee),
            dept: first.departement.clone(),
            nom,
            nature: "commune",
            siren: first.siren.clone(),
            adresse: Some(format!("Mairie, {} {}", first.code_postal, first.commune)),
            insee: Some(insee),
            place: first.commune.clone(),
            domain: slug(&first.commune),
            real_schools: true,
            schools,
        }
    }

    fn synthetic_commune(&mut self, c: &CommuneRow) -> Member {
        let mut rng = Rng::new(&c.insee);
        let dept = dept_of(&c.insee);
        let schools = self.synthetic_schools(&mut rng, &dept);
        Member {
            id: self.id(&c.nom, &c.insee),
            nom: commune_title(&c.nom, schools.len() >= 4),
            dept,
            nature: "commune",
            siren: c.siren.clone(),
            insee: Some(c.insee.clone()),
            adresse: None,
            place: c.nom.clone(),
            domain: slug(&c.nom),
            real_schools: false,
            schools,
        }
    }

    fn synthetic_epci(&mut self, c: &CommuneRow) -> Member {
        let mut rng = Rng::new(&c.siren_epci);
        // The EPCI is filed (and its schools numbered) in the department of its first commune.
        let dept = dept_of(&c.insee);
        let schools = self.synthetic_schools(&mut rng, &dept);
        Member {
            id: self.id(&format!("epci {}", c.nom_epci), &c.siren_epci),
            dept,
            nom: expand_epci(&c.nom_epci),
            nature: "epci",
            siren: c.siren_epci.clone(),
            insee: None,
            adresse: None,
            place: c.nom.clone(),
            domain: slug(&c.nom_epci),
            real_schools: false,
            schools,
        }
    }

    /// A file-name-safe id from a name; the code is appended when the name is taken.
    fn id(&mut self, name: &str, code: &str) -> String {
        let mut id: String = slug(name).chars().take(50).collect();
        id = id.trim_end_matches('-').to_owned();
        if id.is_empty() || self.used_ids.contains(&id) {
            id = format!("{id}-{}", code.to_ascii_lowercase());
        }
        self.used_ids.insert(id.clone());
        id
    }

    /// One to a dozen schools, most often one primary school, with plausible class sizes.
    fn synthetic_schools(&mut self, rng: &mut Rng, dept: &str) -> Vec<School> {
        let groups = match rng.below(100) {
            0..=69 => 0,  // one primary school
            70..=89 => 1, // a nursery and an elementary school
            90..=97 => 2, // two pairs
            _ => 3 + rng.below(4) as usize,
        };
        let mut kinds: Vec<&'static str> = Vec::new();
        if groups == 0 {
            kinds.push("primaire");
        }
        for _ in 0..groups {
            kinds.extend(["maternelle", "elementaire"]);
        }
        if groups >= 2 && rng.below(2) == 0 {
            kinds.push("primaire");
        }
        let mut patrons: Vec<&str> = Vec::new();
        kinds
            .iter()
            .enumerate()
            .map(|(i, &kind)| {
                // A nursery and the elementary school after it share a name (a groupe scolaire).
                if kind != "elementaire" || i == 0 {
                    patrons.push(pick_unused(rng, SCHOOL_PATRONS, &patrons));
                }
                let patron = patrons.last().copied().unwrap_or("du Bourg");
                let classes = match kind {
                    "maternelle" => 1 + rng.below(5),
                    "elementaire" => 2 + rng.below(9),
                    _ => 1 + rng.below(8),
                } as u32;
                let per_class = 18 + rng.below(10) as u32;
                School {
                    nom: format!("{} {patron}", kind_label(kind)),
                    uai: self.new_uai(dept),
                    kind,
                    eleves: classes * per_class,
                    classes,
                }
            })
            .collect()
    }

    /// A valid UAI of the department, not used by a real school or another synthetic one.
    fn new_uai(&mut self, dept: &str) -> String {
        let prefix = uai_prefix(dept);
        let serial = self
            .next_serial
            .entry(prefix.clone())
            .or_insert(FIRST_SYNTHETIC_SERIAL);
        loop {
            assert!(
                *serial <= 9999,
                "no synthetic UAI left in department {dept}"
            );
            let digits = format!("{prefix}{:04}", *serial);
            *serial += 1;
            let uai = with_check_letter(&digits);
            if self.used_uais.insert(uai.clone()) {
                return uai;
            }
        }
    }
}

/// The 7 digits followed by their check letter.
pub fn with_check_letter(digits: &str) -> String {
    let number: u32 = digits.parse().expect("7 digits");
    format!("{digits}{}", UAI_LETTERS[(number % 23) as usize] as char)
}

/// The department of an INSEE code: `2A`, `2B`, `974`, `44`...
fn dept_of(insee: &str) -> String {
    if insee.starts_with("97") {
        insee[..3].to_owned()
    } else {
        insee[..2].to_owned()
    }
}

/// The first three digits of a UAI: the department with a leading zero, Corsica as 620/720.
fn uai_prefix(dept: &str) -> String {
    match dept {
        "2A" => "620".to_owned(),
        "2B" => "720".to_owned(),
        d if d.len() == 3 => d.to_owned(),
        d => format!("0{d}"),
    }
}

/// "Commune d'Ahuillé", "Ville du Mans", "Commune des Sables-d'Olonne".
fn commune_title(nom: &str, town: bool) -> String {
    let kind = if town { "Ville" } else { "Commune" };
    if let Some(rest) = nom.strip_prefix("Le ") {
        format!("{kind} du {rest}")
    } else if let Some(rest) = nom.strip_prefix("Les ") {
        format!("{kind} des {rest}")
    } else if nom.starts_with([
        'A', 'E', 'I', 'O', 'U', 'Y', 'É', 'È', 'Ê', 'Î', 'Ô', 'Â', 'Œ',
    ]) {
        format!("{kind} d'{nom}")
    } else {
        format!("{kind} de {nom}")
    }
}

/// "CC de la Dombes" becomes "Communauté de communes de la Dombes".
fn expand_epci(nom: &str) -> String {
    for (short, long) in [
        ("CC ", "Communauté de communes "),
        ("CA ", "Communauté d'agglomération "),
        ("CU ", "Communauté urbaine "),
    ] {
        if let Some(rest) = nom.strip_prefix(short) {
            return format!("{long}{rest}");
        }
    }
    nom.to_owned()
}

fn school_kind(kind: &str) -> &'static str {
    match kind {
        "maternelle" => "maternelle",
        "elementaire" => "elementaire",
        _ => "primaire",
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "maternelle" => "École maternelle",
        "elementaire" => "École élémentaire",
        _ => "École primaire",
    }
}

/// "École primaire Suzanne Sens" from the open data's kind and capitalised patron name.
fn real_school_name(row: &SchoolRow) -> String {
    let mut name = kind_label(&row.kind).to_owned();
    if row.denomination.contains("APPLICATION") {
        name.push_str(" d'application");
    }
    let patron = row.patronyme.trim();
    if patron.is_empty() || patron == "-" {
        let _ = write!(name, " de {}", row.commune);
    } else {
        let _ = write!(name, " {}", title_case(patron));
    }
    name
}

/// "LA MARELLE RPIC MONTFLOURS" becomes "La Marelle Rpic Montflours"; small words stay small.
fn title_case(text: &str) -> String {
    const SMALL: [&str; 10] = [
        "de", "du", "des", "la", "le", "les", "et", "en", "sur", "aux",
    ];
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for (i, word) in lower.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && SMALL.contains(&word) {
            out.push_str(word);
            continue;
        }
        let mut upper_next = true;
        for c in word.chars() {
            if upper_next {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper_next = matches!(c, '-' | '\'' | '.');
        }
    }
    out
}

/// Lower-case ASCII letters and digits joined by single hyphens: "L'Île-d'Yeu" → "l-ile-d-yeu".
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in ascii_fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Lower case without accents; other non-ASCII letters are dropped.
fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' | 'ý' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if c.is_ascii() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A small deterministic generator (SplitMix64) seeded by a code, so that a member is the same
/// whatever the size of the campaign.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// An item not in `used` if a few draws find one, else any.
fn pick_unused<'a>(rng: &mut Rng, items: &[&'a str], used: &[&str]) -> &'a str {
    let mut item = *rng.pick(items);
    for _ in 0..8 {
        if !used.contains(&item) {
            break;
        }
        item = *rng.pick(items);
    }
    item
}

const SCHOOL_PATRONS: &[&str] = &[
    "Jules Ferry",
    "Jacques Prévert",
    "Jean Moulin",
    "Victor Hugo",
    "Marie Curie",
    "Louis Pasteur",
    "Jean de La Fontaine",
    "Paul Bert",
    "Antoine de Saint-Exupéry",
    "Marcel Pagnol",
    "Louise Michel",
    "Pierre et Marie Curie",
    "Les Tilleuls",
    "Le Petit Prince",
    "du Bourg",
    "Simone Veil",
    "Olympe de Gouges",
    "Condorcet",
    "Françoise Dolto",
    "Robert Desnos",
    "Jean Jaurès",
    "Charles Perrault",
    "Georges Brassens",
    "Les Marronniers",
    "La Fontaine aux Oiseaux",
    "Paul Éluard",
    "Albert Camus",
    "L'Île aux Enfants",
    "Les Petits Loups",
    "Arc-en-Ciel",
    "Lucie Aubrac",
    "Joséphine Baker",
    "Théodore Monod",
    "Érik Satie",
    "Anne Frank",
];

const WOMEN: &[&str] = &[
    "Marie",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Christine",
    "Sophie",
    "Valérie",
    "Sandrine",
    "Céline",
    "Hélène",
    "Anne",
    "Élodie",
    "Zoé",
    "Béatrice",
    "Maëlle",
    "Noémie",
    "Chloé",
    "Françoise",
    "Agnès",
    "Anaïs",
    "Laëtitia",
    "Gaëlle",
    "Soizic",
    "Léa",
    "Inès",
    "Anne-Sophie",
    "Marie-Christine",
];

const MEN: &[&str] = &[
    "Jean",
    "Pierre",
    "Michel",
    "Philippe",
    "Alain",
    "Patrick",
    "Nicolas",
    "Christophe",
    "François",
    "Laurent",
    "Éric",
    "Stéphane",
    "Olivier",
    "Thierry",
    "Yannick",
    "Loïc",
    "Gaël",
    "Hervé",
    "Noël",
    "Jean-Marc",
    "Jean-François",
    "Joël",
    "Benoît",
    "Jérôme",
    "Anthony",
    "Mathéo",
];

const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Le Gall",
    "Le Floc'h",
    "Guérin",
    "Ménard",
    "Chaudet",
    "Bérubé",
    "Aubert",
    "Çelik",
    "Dupré-Œillet",
    "N'Diaye",
    "Le Bihan",
    "Hamon",
    "Rousseau",
    "Gautier",
    "Texier",
    "Gendron",
    "Ogier",
    "Raimbault",
    "Gaudin",
    "Tessier",
    "Chevalier",
    "Brunet",
    "Faure",
    "Pichon",
    "Besnard",
    "Lebreton",
    "D'Aubigné",
    "Nguyen",
];

/// A fictional person: civility, first name, last name, and whether she is a woman.
fn person(rng: &mut Rng) -> (&'static str, &'static str, &'static str, bool) {
    let woman = rng.below(2) == 0;
    let first = if woman {
        *rng.pick(WOMEN)
    } else {
        *rng.pick(MEN)
    };
    let civilite = if woman { "Mme" } else { "M." };
    (civilite, first, *rng.pick(SURNAMES), woman)
}

/// The first digits of a landline in the department's region (French numbering plan).
fn phone_prefix(dept: &str) -> &'static str {
    match dept {
        "971" => "0590",
        "972" => "0596",
        "973" => "0594",
        "974" => "0262",
        "976" => "0269",
        "75" | "77" | "78" | "91" | "92" | "93" | "94" | "95" => "01",
        "14" | "18" | "22" | "27" | "28" | "29" | "35" | "36" | "37" | "41" | "44" | "45"
        | "49" | "50" | "53" | "56" | "61" | "72" | "76" | "79" | "85" => "02",
        "02" | "08" | "10" | "21" | "25" | "39" | "51" | "52" | "54" | "55" | "57" | "58"
        | "59" | "60" | "62" | "67" | "68" | "70" | "71" | "80" | "88" | "89" | "90" => "03",
        "09" | "12" | "16" | "17" | "19" | "23" | "24" | "31" | "32" | "33" | "40" | "46"
        | "47" | "64" | "65" | "81" | "82" | "86" | "87" => "05",
        _ => "04",
    }
}

/// A valid French phone number, written in one of the ways people write them.
fn phone(rng: &mut Rng, dept: &str) -> String {
    let prefix = match rng.below(10) {
        0 => "06",
        1 => "07",
        _ => phone_prefix(dept),
    };
    let mut digits = prefix.to_owned();
    while digits.len() < 10 {
        digits.push(char::from(b'0' + rng.below(10) as u8));
    }
    let pairs: Vec<&str> = (0..5).map(|i| &digits[2 * i..2 * i + 2]).collect();
    match rng.below(10) {
        0..=5 => pairs.join(" "),
        6 | 7 => digits,
        8 => pairs.join("."),
        _ => format!("+33 {} {}", &digits[1..2], pairs[1..].join(" ")),
    }
}

/// A date between 2021-11-16 and 2022-01-14 (the joining deadline is 2022-01-15).
fn date_after(start_offset: u64) -> (u32, u32, u32) {
    let mut day = 16 + start_offset as u32; // days after 2021-11-00
    for (year, month, len) in [(2021, 11, 30), (2021, 12, 31), (2022, 1, 31)] {
        if day <= len {
            return (year, month, day);
        }
        day -= len;
    }
    (2022, 1, 14)
}

fn iso((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A YAML double-quoted string.
fn q(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The member file, following `docs/data-format.md`.
fn yaml(m: &Member, index: u64) -> String {
    let mut rng = Rng::new(&format!("{}#{index}", m.siren));
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Generated by `cargo run --example bench -- generate`. The collectivité is real"
    );
    if m.real_schools {
        let _ = writeln!(
            y,
            "# open data, so are its schools (rentrée 2024); the people are fictional."
        );
    } else {
        let _ = writeln!(y, "# open data; its schools and the people are fictional.");
    }
    let _ = writeln!(y, "collectivite:");
    let _ = writeln!(y, "  nom: {}", q(&m.nom));
    let _ = writeln!(y, "  nature: {}", m.nature);
    let _ = writeln!(y, "  siren: {}", q(&m.siren));
    if let Some(insee) = &m.insee {
        let _ = writeln!(y, "  insee: {}", q(insee));
    }
    if let Some(adresse) = &m.adresse {
        let _ = writeln!(y, "  adresse: {}", q(adresse));
    }

    let (civilite, prenom, nom, woman) = person(&mut rng);
    let fonction = match (m.nature, rng.below(10), woman) {
        ("epci", 0..=6, false) => "Président",
        ("epci", 0..=6, true) => "Présidente",
        ("epci", _, false) => "Vice-président chargé de l'enfance",
        ("epci", _, true) => "Vice-présidente chargée de l'enfance",
        (_, 0..=6, _) => "Maire",
        (_, _, false) => "Adjoint délégué aux affaires scolaires",
        (_, _, true) => "Adjointe déléguée à l'éducation",
    };
    let _ = writeln!(y, "signataire:");
    let _ = writeln!(y, "  civilite: {civilite}");
    let _ = writeln!(y, "  prenom: {}", q(prenom));
    let _ = writeln!(y, "  nom: {}", q(nom));
    let _ = writeln!(y, "  fonction: {}", q(fonction));

    let (civilite, prenom, nom, _) = person(&mut rng);
    let domain = format!("{}.fr", m.domain);
    let courriel = match rng.below(3) {
        0 if m.nature == "epci" => format!("enfance@{domain}"),
        0 => format!("mairie@{domain}"),
        1 => format!("{}.{}@{domain}", slug(prenom), slug(nom)),
        _ if m.nature == "epci" => format!("secretariat.general@{domain}"),
        _ => format!("ecoles@mairie-{domain}"),
    };
    let _ = writeln!(y, "contact:");
    if rng.below(5) > 0 {
        let _ = writeln!(y, "  civilite: {civilite}");
    }
    let _ = writeln!(y, "  prenom: {}", q(prenom));
    let _ = writeln!(y, "  nom: {}", q(nom));
    let _ = writeln!(y, "  telephone: {}", q(&phone(&mut rng, &m.dept)));
    let _ = writeln!(y, "  courriel: {}", q(&courriel));

    let _ = writeln!(y, "ecoles:");
    for s in &m.schools {
        let _ = writeln!(y, "  - nom: {}", q(&s.nom));
        let _ = writeln!(y, "    uai: {}", q(&s.uai));
        let _ = writeln!(y, "    type: {}", s.kind);
        let _ = writeln!(y, "    eleves: {}", s.eleves);
        let _ = writeln!(y, "    classes: {}", s.classes);
    }

    // Most members have signed; half of them have their council's decision too.
    let deliberation = rng.below(40);
    let signed = deliberation + rng.below(15);
    if rng.below(5) > 0 {
        let _ = writeln!(y, "signature:");
        let _ = writeln!(y, "  lieu: {}", q(&m.place));
        let _ = writeln!(y, "  date: {}", iso(date_after(signed)));
    }
    if rng.below(2) == 0 {
        let received = date_after(deliberation + 1 + rng.below(6));
        let acte = format!(
            "{:0>3}-{}-{:04}{:02}{:02}-{}-DE",
            m.dept,
            m.siren,
            received.0,
            received.1,
            received.2,
            match rng.below(3) {
                0 => format!("{}", 1 + rng.below(120)),
                1 => format!("2021_{:03}", 1 + rng.below(300)),
                _ => format!("DEL{}", 10 + rng.below(90)),
            }
        );
        let _ = writeln!(y, "deliberation:");
        let _ = writeln!(y, "  date: {}", iso(date_after(deliberation)));
        let _ = writeln!(y, "  acte: {}", q(&acte));
        let _ = writeln!(y, "  reception_prefecture: {}", iso(received));
        let _ = writeln!(y, "  publication: {}", iso(received));
    }
    y
}

/// Where the open data lives: `--data`, else the repository's own `data/open-data`.
pub fn data_dir(repo: &Path, given: Option<&Path>) -> PathBuf {
    match given {
        Some(dir) => dir.to_owned(),
        None => repo.join("crates/adhesion-core/data/open-data"),
    }
}
