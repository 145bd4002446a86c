// Derives data/sample/omdb-catalog.json from data/sample/movies.json so the sample runs offline.
// The answers are synthesised in OMDb's format from the dataset's own columns; they were never
// received from OMDb. Run: node scripts/make-omdb-catalog.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const rows = JSON.parse(readFileSync('data/sample/movies.json', 'utf8'));
const months = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const na = (v) => (v === null || v === undefined || v === '' ? 'N/A' : String(v));
const grouped = (n) => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const hash = (s) => createHash('sha256').update(s, 'utf8').digest();

const answers = [];
let omitted = 0;
for (const row of rows) {
  if (row.Title === null || row.Title === undefined) continue;
  const title = String(row.Title);
  const m = /^(\w{3}) (\d{2}) (\d{4})$/.exec(row['Release Date'] ?? '');
  const year = m ? m[3] : null;
  const digest = hash(`${title}\n${year ?? ''}`);
  // About 3% of films are left out on purpose so the sample also shows "Movie not found!".
  if (digest[0] < 8) { omitted++; continue; }
  const ratings = [];
  if (row['IMDB Rating'] !== null) ratings.push({ Source: 'Internet Movie Database', Value: `${row['IMDB Rating']}/10` });
  if (row['Rotten Tomatoes Rating'] !== null) ratings.push({ Source: 'Rotten Tomatoes', Value: `${row['Rotten Tomatoes Rating']}%` });
  answers.push({
    Title: title,
    Year: na(year),
    Rated: na(row['MPAA Rating']),
    Released: m ? `${m[2]} ${m[1]} ${m[3]}` : 'N/A',
    Runtime: row['Running Time min'] === null ? 'N/A' : `${row['Running Time min']} min`,
    Genre: na(row['Major Genre']),
    Director: na(row.Director),
    Writer: 'N/A',
    Actors: 'N/A',
    Plot: 'N/A',
    Language: 'N/A',
    Country: 'N/A',
    Awards: 'N/A',
    Poster: 'N/A',
    Ratings: ratings,
    Metascore: 'N/A',
    imdbRating: row['IMDB Rating'] === null ? 'N/A' : Number(row['IMDB Rating']).toFixed(1),
    imdbVotes: row['IMDB Votes'] === null ? 'N/A' : grouped(row['IMDB Votes']),
    // Synthetic ids in IMDb's shape; unique per title and year, stable across regenerations.
    imdbID: `tt${(digest.readUInt32BE(1) % 90000000 + 10000000).toString()}`,
    Type: 'movie',
    DVD: 'N/A',
    BoxOffice: row['US Gross'] === null ? 'N/A' : `$${grouped(row['US Gross'])}`,
    Production: na(row.Distributor),
    Website: 'N/A',
    Response: 'True',
  });
}

const catalog = {
  note: 'Derived from data/sample/movies.json (vega-datasets 3.2.1) by scripts/make-omdb-catalog.mjs, '
    + 'in the format of OMDb answers. Not recorded from OMDb: ids and values are synthesised from the '
    + `dataset; ${omitted} films are left out on purpose so lookups also answer "Movie not found!".`,
  answers,
};
writeFileSync('data/sample/omdb-catalog.json', JSON.stringify(catalog, null, 1) + '\n');
console.log(`${answers.length} answers, ${omitted} left out`);
