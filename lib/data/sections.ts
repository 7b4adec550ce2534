import 'server-only';
import { cache } from 'react';
import { getPrisma } from '../db';
import { findSections } from './queries';

// The sections in the site's navigation, read by the root layout of every page.
export const getSections = cache(() => findSections(getPrisma()));
