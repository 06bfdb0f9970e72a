// The measurement schema: names, tags and fields collectors write and dashboards read (issue 15).
export {};
