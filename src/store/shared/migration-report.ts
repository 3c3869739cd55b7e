/** What `clause5 migrate` did: where, how many migrations were new, and how many are applied in all. */
export interface MigrationReport {
  where: string;
  applied: number;
  total: number;
}
