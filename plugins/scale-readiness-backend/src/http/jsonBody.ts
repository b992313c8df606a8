import express from 'express';

/**
 * Largest JSON body any route accepts (mutations and the POST of
 * `/simulate`); bigger bodies answer 413 before any route runs.
 */
export const JSON_BODY_LIMIT = '64kb';

/**
 * The plugin's one JSON body parser. Every router mounts this same instance
 * first, so whichever router Express reaches first parses with the same
 * limit (body-parser skips bodies that were already parsed).
 */
export const jsonBody = express.json({ limit: JSON_BODY_LIMIT });
