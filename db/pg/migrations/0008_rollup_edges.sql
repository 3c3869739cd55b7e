CREATE TABLE "scorecard_rollup_edges" (
	"org_id" text NOT NULL,
	"week" text NOT NULL,
	"key" text NOT NULL,
	"zone" text NOT NULL,
	"token" text NOT NULL,
	"facts" text NOT NULL,
	CONSTRAINT "scorecard_rollup_edges_org_id_week_key_pk" PRIMARY KEY("org_id","week","key")
);
