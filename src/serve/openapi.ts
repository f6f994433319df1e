/**
 * The OpenAPI 3.1 description of the web app's JSON API, served at /api/openapi.json
 * and written to docs/openapi.json (a test keeps the two identical). The Briefing
 * schema itself is docs/briefing.schema.json.
 */
import { VERSION } from '../version.js';

const error = {
  description: 'An error: `{ "error": { "code", "message" } }`; the message names the value and the reason.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const dateParam = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
});

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'crossread API',
    version: VERSION,
    description:
      'The JSON API of `crossread serve`, mirroring the CLI: list stored stories, brief one (the same JSON as `crossread brief --format json`), read one article, add articles. ' +
      'The server binds to 127.0.0.1 by default and checks the Host header; POST requests from browsers must come from the server’s own pages (Origin / Sec-Fetch-Site), while non-browser clients (curl, scripts) send neither header and are accepted.',
  },
  servers: [{ url: 'http://127.0.0.1:4317' }],
  paths: {
    '/api/stories': {
      get: {
        summary: 'List stories',
        description: 'Stories with full-text search (SQLite FTS5 over titles and texts; plain words are ANDed, `word*` is a prefix), date and outlet filters, and pagination.',
        parameters: [
          { name: 'q', in: 'query', description: 'Full-text query', schema: { type: 'string', maxLength: 500 } },
          dateParam('since', 'Stories with an article published (or, if undated, stored) on or after this date'),
          dateParam('until', 'Stories with an article published (or, if undated, stored) on or before this date'),
          { name: 'outlet', in: 'query', description: 'Stories with an article from this outlet (exact, case-insensitive)', schema: { type: 'string', maxLength: 200 } },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: ['recent', 'size'], default: 'recent' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          '200': { description: 'One page of stories', content: { 'application/json': { schema: { $ref: '#/components/schemas/StoryPage' } } } },
          '400': error,
        },
      },
    },
    '/api/stories/{id}': {
      get: {
        summary: 'Brief one story',
        description:
          'The briefing of one stored story: the same JSON as `crossread brief --format json` over the story’s articles (docs/briefing.schema.json), with one story. An id of a story merged into another resolves to that story.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The briefing', content: { 'application/json': { schema: { $ref: 'briefing.schema.json' } } } },
          '404': error,
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'Read one stored article',
        description: 'Raw and cleaned text, metadata with its evidence, what cleaning removed, links to articles sharing text.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The article', content: { 'application/json': { schema: { $ref: '#/components/schemas/StoredArticle' } } } },
          '404': error,
        },
      },
    },
    '/api/articles': {
      post: {
        summary: 'Add articles',
        description:
          'Reads the body with the ingest stage (as `crossread` reads files), stores the articles and groups them into stories. ' +
          'Bodies: multipart/form-data (file parts `files`, or a pasted article in fields `text`, `title`, `outlet`, `published`, `url`, `byline`); ' +
          'application/json (records as in a .json input: one record `{"title","text","outlet","published","url"}`, an array of them, or JSON Lines as text); ' +
          'or one raw document as text/plain, text/html, RSS/Atom XML or application/x-ndjson (name it with `?name=`). ' +
          'Without `async`, the response comes when the articles are stored: 201 when some were added, 200 when all were already stored, 422 when no article could be read. ' +
          'With `async=1`: 202 and the job at once; poll `/api/jobs/{id}` for progress.',
        parameters: [
          { name: 'async', in: 'query', schema: { type: 'boolean', default: false } },
          { name: 'name', in: 'query', description: 'File name of a raw-document body (its extension chooses the reader)', schema: { type: 'string', maxLength: 200 } },
        ],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } }, text: { type: 'string' } } } },
            'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/ArticleRecord' }, { type: 'array', items: { $ref: '#/components/schemas/ArticleRecord' } }] } },
            'text/plain': { schema: { type: 'string' } },
            'text/html': { schema: { type: 'string' } },
          },
        },
        responses: {
          '200': { description: 'Nothing new: every article was already stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
          '201': { description: 'Articles added', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
          '202': { description: 'Accepted (async): the job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
          '400': error,
          '403': error,
          '413': error,
          '415': error,
          '422': { description: 'No article could be read; the job’s outcome lists why', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
        },
      },
    },
    '/api/jobs/{id}': {
      get: {
        summary: 'Progress and result of an upload',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
          '404': error,
        },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
      StorySummary: {
        type: 'object',
        required: ['id', 'headline', 'articleCount', 'lineageCount', 'dateSpan', 'outlets', 'createdAt', 'updatedAt', 'disagreements', 'url', 'apiUrl'],
        properties: {
          id: { type: 'string' },
          headline: { type: 'string' },
          articleCount: { type: 'integer' },
          lineageCount: { type: 'integer', description: 'Independent lineages: articles linked by shared text count once' },
          dateSpan: { type: 'object', properties: { from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] } } },
          outlets: { type: 'array', items: { type: 'string' } },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          disagreements: { type: ['integer', 'null'], description: 'Points on which the sources disagree; null until the story has been analysed in its current state (the server analyses listed stories in the background)' },
          url: { type: 'string', description: 'The story page' },
          apiUrl: { type: 'string', description: 'The briefing JSON' },
        },
      },
      StoryPage: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/StorySummary' } },
          total: { type: 'integer' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
        },
      },
      ArticleRecord: {
        type: 'object',
        required: ['text'],
        properties: {
          id: { type: 'string' },
          title: { type: ['string', 'null'] },
          text: { type: 'string' },
          url: { type: ['string', 'null'] },
          outlet: { type: ['string', 'null'] },
          byline: { type: ['string', 'null'] },
          published: { type: ['string', 'number', 'null'], description: 'Any date string or epoch seconds/milliseconds' },
        },
      },
      StoredArticle: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          seq: { type: 'integer' },
          storyId: { type: ['string', 'null'] },
          path: { type: 'string' },
          format: { type: 'string' },
          url: { type: ['string', 'null'] },
          title: { type: ['string', 'null'] },
          byline: { type: ['string', 'null'] },
          outlet: { type: ['string', 'null'] },
          published: { type: ['string', 'null'] },
          publishedEvidence: { type: ['string', 'null'], description: 'The text the date was read from' },
          rawText: { type: 'string' },
          text: { type: 'string', description: 'The cleaned text; citation offsets refer to it' },
          rawWords: { type: 'integer' },
          words: { type: 'integer' },
          removed: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, text: { type: 'string' } } } },
          encoding: { type: 'string' },
          language: { type: 'string' },
          diagnostics: { type: 'array', items: { type: 'object' } },
          contentHash: { type: 'string' },
          ingestedAt: { type: 'string', format: 'date-time' },
          related: {
            type: 'array',
            items: { type: 'object', properties: { articleId: { type: 'string' }, similarity: { type: 'number' }, kind: { type: 'string', enum: ['duplicate', 'shared'] } } },
          },
        },
      },
      Job: {
        type: 'object',
        required: ['id', 'state', 'done', 'total', 'statusUrl', 'pageUrl'],
        properties: {
          id: { type: 'string' },
          state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
          stage: { type: ['string', 'null'], enum: ['read', 'store', null], description: '`read`: reading and cleaning the inputs; `store`: storing and grouping' },
          done: { type: 'integer' },
          total: { type: 'integer' },
          inputs: { type: 'integer' },
          bytes: { type: 'integer' },
          createdAt: { type: 'string', format: 'date-time' },
          finishedAt: { type: ['string', 'null'], format: 'date-time' },
          error: { type: ['string', 'null'] },
          statusUrl: { type: 'string' },
          pageUrl: { type: 'string' },
          outcome: {
            type: ['object', 'null'],
            properties: {
              read: { type: 'integer' },
              added: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { type: 'string' }, title: { type: ['string', 'null'] }, outlet: { type: ['string', 'null'] }, storyId: { type: 'string' }, newStory: { type: 'boolean' } },
                },
              },
              skipped: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string', enum: ['same-content', 'same-url'] }, existingId: { type: 'string' } } },
              },
              merged: { type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, into: { type: 'string' } } } },
              diagnostics: { type: 'array', items: { type: 'object' } },
              stories: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;
