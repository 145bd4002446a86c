// Derives the sample provider files in data/sample/providers/ from data/sample/movies.json (and the imdbIDs of
// data/sample/omdb-catalog.json), deterministically: the same inputs always give the same bytes. The figures are
// synthesised from the dataset's own columns, never received from a provider. Messy on purpose, as real feeds are:
// titles cased, punctuated, accented and "The"-moved differently, currency and percentage strings, "N/A", thousands
// separators, a few duplicate rows, rows for films the pipeline never saw, and a few rows no parser can read.
// Run: node scripts/make-provider-samples.mjs
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const rows = JSON.parse(readFileSync('data/sample/movies.json', 'utf8'));
const catalog = JSON.parse(readFileSync('data/sample/omdb-catalog.json', 'utf8')).answers;
const out = 'data/sample/providers';
const months = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

// A number in [0, 1) from a film and a purpose: every choice below is a pure function of the data.
const unit = (...parts) => createHash('sha256').update(parts.join('\u0000'), 'utf8').digest().readUInt32BE(0) / 2 ** 32;
const pick = (u, list) => list[Math.floor(u * list.length)];
const grouped = (n) => Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const csvField = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (header, lines) => [header, ...lines].map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';

const films = [];
const ids = new Map(catalog.map((a) => [`${a.Title}\n${a.Year}`, a.imdbID]));
for (const row of rows) {
  if (row.Title === null || row.Title === undefined) continue;
  const m = /^(\w{3}) (\d{2}) (\d{4})$/.exec(row['Release Date'] ?? '');
  if (!m) continue;
  const title = String(row.Title);
  const year = Number(m[3]);
  films.push({ row, title, year, month: months[m[1]], day: Number(m[2]), imdbID: ids.get(`${title}\n${year}`) ?? null });
}

// Titles as another provider writes them: cased, punctuated, "The"-moved, or as they are.
function messyTitle(film, purpose) {
  const u = unit(purpose, 'title', film.title, film.year);
  const t = film.title;
  if (u < 0.15) return t.toUpperCase();
  if (u < 0.25) return t.toLowerCase();
  if (u < 0.40 && /^The /.test(t)) return `${t.slice(4)}, The`;
  if (u < 0.50) return t.replace(/[:'!?.]/g, '').replace(/&/g, 'and');
  if (u < 0.55) return `  ${t} `;
  return t;
}

const summary = {};
const count = (file, what) => { summary[file] ??= {}; summary[file][what] = (summary[file][what] ?? 0) + 1; };

// 1. Audience ratings: JSON keyed by imdbID, about 90% of the films the catalog knows.
{
  const file = 'audience_ratings/ratings-2026-11-20.json';
  const ratings = [];
  for (const film of films) {
    const u = unit('audience', film.title, film.year);
    if (film.imdbID === null) {
      // A few films OMDb does not know, sent by title and year only: they match no film in gold.
      if (u < 0.2) { ratings.push({ imdbID: null, film: { title: film.title, year: film.year }, audienceScore: `${Math.round(40 + 50 * u)}%`, ratingsCount: grouped(100 + 5000 * u) }); count(file, 'not in the catalog (title + year only)'); }
      continue;
    }
    if (u >= 0.9) continue;
    const imdb = film.row['IMDB Rating'];
    const votes = film.row['IMDB Votes'];
    const score = imdb === null ? null : Math.max(0, Math.min(100, Math.round(imdb * 10 + (unit('audience-jitter', film.imdbID) - 0.5) * 16)));
    const ratingsCount = votes === null ? null : Math.round(votes * (0.2 + 0.6 * unit('audience-count', film.imdbID)));
    const style = unit('audience-style', film.imdbID);
    const entry = {
      imdbID: film.imdbID,
      film: { title: messyTitle(film, 'audience'), year: film.year },
      audienceScore: score === null ? 'N/A' : style < 0.5 ? `${score}%` : style < 0.8 ? score : String(score),
      ratingsCount: ratingsCount === null ? 'N/A' : style < 0.6 ? grouped(ratingsCount) : ratingsCount,
    };
    // Some rows carry no imdbID but a title and year: they join by title and year instead.
    if (unit('audience-noid', film.imdbID) < 0.03) { entry.imdbID = ''; count(file, 'no imdbID (joins by title + year)'); }
    ratings.push(entry);
    count(file, 'rows from a film');
    if (unit('audience-dup', film.imdbID) < 0.005) { ratings.push({ ...entry, audienceScore: '50%' }); count(file, 'duplicate of the row before'); }
  }
  // Rows no film has, and rows no parser can read.
  ratings.push({ imdbID: 'tt0999999', film: { title: 'A Film Nobody Made', year: 2001 }, audienceScore: '77%', ratingsCount: '12,345' });
  ratings.push({ imdbID: 'tt1234', film: { title: 'Short Id', year: 2002 }, audienceScore: '60%', ratingsCount: '10' });
  ratings.push({ imdbID: 'tt0888888', film: { title: 'Over The Top', year: 1987 }, audienceScore: '140%', ratingsCount: '100' });
  ratings.push({ imdbID: 'tt0777777', film: { title: 'Lots', year: 1999 }, audienceScore: 'great', ratingsCount: '1' });
  ratings.push({ imdbID: null, film: { title: 'No Year At All' }, audienceScore: '50%', ratingsCount: '5' });
  ratings.push('not a rating');
  summary[file].hand_made = 6;
  const note = 'Synthetic: derived from data/sample/movies.json by scripts/make-provider-samples.mjs; not received from any provider.';
  // One rating a line: readable, and a diff of a regeneration shows the rows that changed.
  const text = `{\n "note": ${JSON.stringify(note)},\n "provider": "audience_ratings",\n "ratings": [\n${ratings.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]\n}\n`;
  mkdirSync(`${out}/audience_ratings`, { recursive: true });
  writeFileSync(`${out}/${file}`, text);
}

// 2. Critic aggregates: CSV by title and year, for films with a Rotten Tomatoes rating.
{
  const file = 'critic_aggregates/critics-2026-11-21.csv';
  const lines = [];
  for (const film of films) {
    const rt = film.row['Rotten Tomatoes Rating'];
    const u = unit('critics', film.title, film.year);
    if (rt === null && u > 0.3) continue;
    if (u >= 0.92) continue;
    const reviews = Math.round(20 + 380 * unit('critic-reviews', film.title, film.year));
    const average = rt === null ? null : Math.min(10, Math.max(0, rt / 12 + 1.5 + unit('critic-avg', film.title) - 0.5)).toFixed(1);
    const metascore = rt === null ? null : Math.max(0, Math.min(100, Math.round(rt * 0.8 + 10 * unit('critic-meta', film.title))));
    // One film in twenty is listed under the year before (festival premiere): no film matches, and gold says why.
    const year = unit('critic-year', film.title, film.year) < 0.05 ? film.year - 1 : film.year;
    if (year !== film.year) count(file, 'year one before the release');
    lines.push([messyTitle(film, 'critics'), year, rt === null ? 'N/A' : `${rt}%`, grouped(reviews), average === null ? 'N/A' : `${average}/10`, metascore === null ? '—' : metascore]);
    count(file, 'rows from a film');
    if (unit('critic-dup', film.title, film.year) < 0.01) { lines.push([film.title.toUpperCase(), year, rt === null ? 'N/A' : `${rt}%`, '1', 'N/A', '']); count(file, 'duplicate (another casing)'); }
  }
  lines.push(['The Film That Never Was', 1999, '88%', '120', '7.9/10', '81']);
  lines.push(['Missing Year', '', '50%', '10', '5.0/10', '50']);
  lines.push(['Bad Percent', 2003, 'eighty', '10', '5.0/10', '50']);
  lines.push(['Too Many Fields', 2004, '50%', '10', '5.0/10', '50', 'extra']);
  summary[file].hand_made = 4;
  mkdirSync(`${out}/critic_aggregates`, { recursive: true });
  writeFileSync(`${out}/${file}`, csv(['Film', 'Release Year', 'Tomatometer', 'Critic Reviews', 'Average Rating', 'Metascore'], lines));
}

// 3. Box office: three CSV files by title and year: domestic, international, financials.
{
  const dom = [];
  const intl = [];
  const fin = [];
  for (const film of films) {
    const us = film.row['US Gross'];
    const world = film.row['Worldwide Gross'];
    const budget = film.row['Production Budget'];
    const u = unit('box', film.title, film.year);
    if (u >= 0.95) continue;
    // A fifth of films have later (re-release) figures than the dataset: the provider's value differs.
    const rerelease = unit('box-rerelease', film.title, film.year) < 0.2 ? 1 + 0.05 * unit('box-more', film.title) : 1;
    if (us !== null) {
      const gross = Math.round(us * rerelease);
      const style = unit('dom-style', film.title, film.year);
      const opening = Math.round(gross * (0.15 + 0.2 * unit('opening', film.title)));
      const release = `${String(film.month).padStart(2, '0')}/${String(film.day).padStart(2, '0')}/${film.year}`;
      dom.push([messyTitle(film, 'domestic'), film.year, style < 0.7 ? `$${grouped(gross)}` : String(gross),
        opening >= 1e6 ? `$${(opening / 1e6).toFixed(1)}M` : `$${grouped(opening)}`, release, film.row.Distributor ?? 'N/A']);
    }
    if (us !== null && world !== null && unit('intl', film.title, film.year) < 0.9) {
      const international = Math.max(0, Math.round(world * rerelease) - Math.round(us * rerelease));
      const worldwide = Math.round(world * rerelease);
      const style = unit('intl-style', film.title, film.year);
      intl.push([messyTitle(film, 'international'), film.year,
        style < 0.5 ? `USD ${grouped(international)}` : style < 0.8 ? `$${(international / 1e6).toFixed(2)} million` : String(international),
        `$${grouped(worldwide)}`]);
    }
    if (budget !== null && unit('fin', film.title, film.year) < 0.9) {
      fin.push([messyTitle(film, 'financials'), film.year, (budget / 1e6).toString()]);
    }
  }
  dom.push(['Negative Gross', 2005, '-$5,000', '$1,000', '01/01/2005', 'Nobody']);
  dom.push(['Bad Date', 2006, '$5,000', '$1,000', '2006-13-45', 'Nobody']);
  intl.push(['Intl Only Film', 2007, 'USD 1,000,000', '$1,000,000']);
  fin.push(['Budget Unknown', 2008, 'N/A']);
  fin.push(['Budget Words', 2009, 'lots']);
  summary.box_office = { domestic: dom.length, international: intl.length, financials: fin.length };
  mkdirSync(`${out}/box_office`, { recursive: true });
  writeFileSync(`${out}/box_office/domestic-2026-11-22.csv`, csv(['Title', 'Year', 'Domestic Gross', 'Opening Weekend', 'Release Date', 'Distributor'], dom));
  writeFileSync(`${out}/box_office/international-2026-11-22.csv`, csv(['Title', 'Year', 'International Gross', 'Worldwide Gross'], intl));
  writeFileSync(`${out}/box_office/financials-2026-11-22.csv`, csv(['Movie', 'Year', 'Budget (USD millions)'], fin));
}

console.log(JSON.stringify(summary, null, 1));
