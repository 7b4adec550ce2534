import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findFrontPage } from './lists';

// The front page's read; the page is cached by Next like every other (decision 003).
export const getFrontPage = cache(() => findFrontPage(getPrisma(), new Date()));
