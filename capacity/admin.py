"""No admin pages: every 基本能力 record is business data, entered through the scoped pages
(system admins see no business data)."""
