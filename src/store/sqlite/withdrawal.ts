// Moved to ../shared/withdrawal (both engines withdraw the same way); kept for the SQLite walks.
export { withdrawalChange } from '../shared/withdrawal';
