-- DDL both MySQL and MariaDB accept. Statements end with a semicolon at the end of a line.
-- The test runs each one on the real server and compares Sluice's definitions with information_schema.
CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(191) NOT NULL,
  password_hash CHAR(60) NOT NULL,
  display_name VARCHAR(100) DEFAULT NULL,
  is_admin TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY users_email_unique (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE posts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  title VARCHAR(255) NOT NULL,
  slug VARCHAR(255) CHARACTER SET ascii NOT NULL,
  body LONGTEXT,
  status ENUM('draft','published','archived') NOT NULL DEFAULT 'draft',
  published_at DATETIME(6) NULL,
  view_count INT NOT NULL DEFAULT '0',
  KEY posts_user_id_index (user_id),
  CONSTRAINT posts_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE tags (id SMALLINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE);
CREATE TABLE post_tag (post_id BIGINT UNSIGNED NOT NULL, tag_id SMALLINT NOT NULL, PRIMARY KEY (post_id, tag_id));
CREATE TABLE `wp_options` (
  `option_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `option_name` varchar(191) COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT '',
  `option_value` longtext COLLATE utf8mb4_unicode_520_ci NOT NULL,
  `autoload` varchar(20) COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT 'yes',
  PRIMARY KEY (`option_id`),
  UNIQUE KEY `option_name` (`option_name`),
  KEY `autoload` (`autoload`)
) ENGINE=InnoDB AUTO_INCREMENT=1 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
CREATE TABLE `wp_postmeta` (
  `meta_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `post_id` bigint(20) unsigned NOT NULL DEFAULT '0',
  `meta_key` varchar(255) COLLATE utf8mb4_unicode_520_ci DEFAULT NULL,
  `meta_value` longtext COLLATE utf8mb4_unicode_520_ci,
  PRIMARY KEY (`meta_id`),
  KEY `post_id` (`post_id`),
  KEY `meta_key` (`meta_key`(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
CREATE TABLE numbers (
  t TINYINT, ts TINYINT SIGNED, tu TINYINT UNSIGNED, tz TINYINT(3) UNSIGNED ZEROFILL,
  s SMALLINT, su SMALLINT UNSIGNED, m MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED,
  ig INTEGER, b BIGINT, bu BIGINT UNSIGNED, d DECIMAL, d2 DECIMAL(5), d3 DECIMAL(65,30), n NUMERIC(10,4),
  dc DEC(8,3), fx FIXED(6,2), f FLOAT, f2 FLOAT(7,3), fp FLOAT(30), dd DOUBLE, dp DOUBLE PRECISION, r REAL,
  d4 DOUBLE(12,4), bo BOOL, bn BOOLEAN, bt BIT, b8 BIT(8), b64 BIT(64)
);
CREATE TABLE temporals (
  d DATE, t TIME, t3 TIME(3), t6 TIME(6), dt DATETIME, dt1 DATETIME(1), dt6 DATETIME(6),
  ts TIMESTAMP NULL, ts3 TIMESTAMP(3) NULL DEFAULT NULL, y YEAR, y4 YEAR(4)
);
CREATE TABLE strings (
  c CHAR, c10 CHAR(10), ch CHARACTER(4), vc VARCHAR(1), v VARCHAR(65), cv CHARACTER VARYING(20),
  nc NATIONAL CHAR(3), nv NATIONAL VARCHAR(7), nch NCHAR(5), nvc NVARCHAR(9),
  tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT, lv LONG VARCHAR,
  bi BINARY, b4 BINARY(4), vb VARBINARY(30), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,
  e ENUM('x','y','z'), st SET('red','green','blue'),
  l1 VARCHAR(10) CHARACTER SET latin1, a1 VARCHAR(10) CHARSET ascii, u3 VARCHAR(10) CHARACTER SET utf8,
  cb VARCHAR(10) COLLATE utf8mb4_bin, bb VARCHAR(10) BINARY, lat TEXT CHARACTER SET latin1 COLLATE latin1_bin
) DEFAULT CHARSET=utf8mb4;
CREATE TABLE latin (id INT PRIMARY KEY, name VARCHAR(20), note TEXT) CHARACTER SET latin1;
CREATE TABLE geo (id INT PRIMARY KEY, g GEOMETRY, p POINT, l LINESTRING, pg POLYGON, mp MULTIPOINT,
  ml MULTILINESTRING, mpg MULTIPOLYGON, gc GEOMETRYCOLLECTION);
CREATE TABLE json_docs (id INT PRIMARY KEY, doc JSON, meta JSON NOT NULL);
CREATE TABLE no_key (a INT, b VARCHAR(10));
CREATE TABLE composite (a INT NOT NULL, b CHAR(2) NOT NULL, c DATE, PRIMARY KEY (b, a));
CREATE TABLE IF NOT EXISTS composite (x INT);
CREATE TABLE `select` (`from` INT PRIMARY KEY, `where` VARCHAR(5), `key` INT, `index` INT);
CREATE TABLE `weird name` (`column with spaces` INT, `dash-col` VARCHAR(5), `ünïcode` TEXT);
CREATE TABLE `Mixed_Case` (Id INT PRIMARY KEY, SomeValue VARCHAR(5));
CREATE TABLE key_first (`key` INT, `index` VARCHAR(3), KEY k (`key`));
CREATE TABLE comments_ (id INT PRIMARY KEY COMMENT 'the id', body TEXT COMMENT 'with ''quotes'', commas, (parens)') COMMENT='a table';
CREATE TABLE defaults (
  a INT DEFAULT 1, b VARCHAR(10) DEFAULT 'x,y', c DECIMAL(5,2) DEFAULT -1.5, d DATETIME DEFAULT '2020-01-01 00:00:00',
  e ENUM('a','b') DEFAULT 'b', f BIT(3) DEFAULT b'101', g VARBINARY(4) DEFAULT 0x61, h DOUBLE DEFAULT 1e3,
  i TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
);
CREATE TABLE expr_defaults (
  id INT PRIMARY KEY, t TEXT DEFAULT ('text-expr'), v VARCHAR(20) DEFAULT 'héllo 😀', c VARCHAR(10) DEFAULT '(x)',
  n INT DEFAULT (1 + 1), u VARCHAR(40) DEFAULT (uuid()), e ENUM('x,y','z') DEFAULT 'x,y', q VARCHAR(5) DEFAULT 'a?b'
) DEFAULT CHARSET=utf8mb4;
ALTER TABLE expr_defaults ALTER COLUMN c SET DEFAULT (concat('a', 'b')), ALTER COLUMN n SET DEFAULT 7;
CREATE TABLE uniq_keys (
  a INT, b INT NOT NULL, c VARCHAR(20) NOT NULL, d INT NOT NULL, UNIQUE (c(5)), UNIQUE (a), UNIQUE (b), KEY (d), UNIQUE (d)
);
ALTER TABLE uniq_keys MODIFY a INT NOT NULL;
ALTER TABLE uniq_keys DROP INDEX b;
ALTER TABLE uniq_keys DROP INDEX d_2, RENAME COLUMN a TO a2;
CREATE TABLE serial_key (id SERIAL, v INT);
CREATE UNIQUE INDEX ux ON serial_key (v);
ALTER TABLE serial_key MODIFY v INT NOT NULL;
DROP INDEX ux ON serial_key;
CREATE TABLE copy_of_users LIKE users;
CREATE TABLE IF NOT EXISTS copy_of_users LIKE posts;
CREATE TABLE copy_paren (LIKE posts);
CREATE TABLE partitioned (id INT NOT NULL, created DATE NOT NULL, PRIMARY KEY (id, created))
  PARTITION BY RANGE (YEAR(created)) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE hashed (id INT PRIMARY KEY, v INT) PARTITION BY HASH(id) PARTITIONS 4;
CREATE TABLE gen (a INT, b INT AS (a * 2), c INT GENERATED ALWAYS AS (a + 1) STORED, d VARCHAR(20) AS (CONCAT('x', a)) VIRTUAL);
CREATE TABLE fk_child (id INT PRIMARY KEY, parent INT UNSIGNED, FOREIGN KEY (parent) REFERENCES users (id));
CREATE TABLE idx (id INT, a VARCHAR(10), b TEXT, PRIMARY KEY USING BTREE (id), INDEX ia USING HASH (a), FULLTEXT KEY fb (b));
CREATE TABLE auto_pk (id INT AUTO_INCREMENT KEY, v INT);
CREATE TABLE engine_opts (id INT PRIMARY KEY) ENGINE = InnoDB ROW_FORMAT = DYNAMIC AUTO_INCREMENT = 100 AVG_ROW_LENGTH = 10 MAX_ROWS = 1000 STATS_PERSISTENT = 1 PACK_KEYS = 0;
CREATE TABLE myisam_table (id INT PRIMARY KEY, t TEXT) ENGINE=MyISAM;
CREATE TABLE `db_qualified_placeholder` (id INT);
ALTER TABLE users ADD COLUMN last_login DATETIME NULL AFTER password_hash;
ALTER TABLE users ADD phone VARCHAR(20);
ALTER TABLE users ADD COLUMN uuid CHAR(36) NOT NULL FIRST;
ALTER TABLE users ADD (nick VARCHAR(30), age TINYINT UNSIGNED);
ALTER TABLE users DROP COLUMN phone;
ALTER TABLE users DROP nick;
ALTER TABLE users MODIFY COLUMN display_name VARCHAR(150) NOT NULL DEFAULT '';
ALTER TABLE users MODIFY age SMALLINT UNSIGNED AFTER email;
ALTER TABLE users CHANGE COLUMN display_name full_name VARCHAR(200) NULL;
ALTER TABLE users CHANGE age age INT;
ALTER TABLE users CHANGE uuid uuid CHAR(36) NOT NULL AFTER id;
ALTER TABLE users ALTER COLUMN is_admin SET DEFAULT 1;
ALTER TABLE users ALTER is_admin DROP DEFAULT;
ALTER TABLE users ADD INDEX users_created_idx (created_at);
ALTER TABLE users ADD UNIQUE INDEX users_uuid (uuid), ADD KEY users_name (full_name(20));
ALTER TABLE users DROP INDEX users_created_idx;
ALTER TABLE users RENAME INDEX users_name TO users_full_name;
ALTER TABLE users ENGINE=InnoDB;
ALTER TABLE users COMMENT 'people';
ALTER TABLE users AUTO_INCREMENT = 1000;
ALTER TABLE users ALGORITHM=INPLACE, LOCK=NONE, ADD COLUMN score INT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN bio TEXT, ALGORITHM=COPY;
ALTER TABLE users FORCE;
ALTER TABLE users ROW_FORMAT=DYNAMIC;
ALTER TABLE posts DROP FOREIGN KEY posts_user_id_foreign;
ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE posts ADD CONSTRAINT chk_views CHECK (view_count >= 0);
ALTER TABLE posts MODIFY status ENUM('draft','published','archived','deleted') NOT NULL DEFAULT 'draft';
ALTER TABLE posts MODIFY slug VARCHAR(300) CHARACTER SET utf8mb4 NOT NULL;
ALTER TABLE post_tag DROP PRIMARY KEY;
ALTER TABLE post_tag ADD PRIMARY KEY (tag_id, post_id);
ALTER TABLE post_tag ADD COLUMN id INT NOT NULL FIRST, DROP PRIMARY KEY, ADD PRIMARY KEY (id);
ALTER TABLE post_tag MODIFY id INT NOT NULL AUTO_INCREMENT;
ALTER TABLE no_key ADD PRIMARY KEY (a);
ALTER TABLE no_key DROP PRIMARY KEY;
ALTER TABLE no_key ADD COLUMN id INT AUTO_INCREMENT PRIMARY KEY FIRST;
ALTER TABLE tags RENAME TO labels;
ALTER TABLE labels RENAME AS tags;
ALTER TABLE tags RENAME tags_renamed;
RENAME TABLE tags_renamed TO tags;
RENAME TABLE tags TO tmp_tags, post_tag TO tags, tmp_tags TO post_tag;
RENAME TABLE post_tag TO old_post_tag, tags TO post_tag, old_post_tag TO tags;
ALTER TABLE latin CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
ALTER TABLE latin ADD extra VARCHAR(5);
ALTER TABLE latin DEFAULT CHARACTER SET latin1;
ALTER TABLE latin ADD extra2 VARCHAR(5);
ALTER TABLE latin CHARACTER SET = utf8mb4, ADD extra3 CHAR(1);
ALTER TABLE latin MODIFY note TEXT CHARACTER SET latin1;
ALTER TABLE latin COLLATE latin1_german1_ci;
ALTER TABLE latin ADD extra4 TINYTEXT;
ALTER TABLE strings DROP COLUMN lv, DROP COLUMN bi, DROP COLUMN b4;
ALTER TABLE strings MODIFY e ENUM('x','y','z','w') DEFAULT 'w';
ALTER TABLE strings MODIFY st SET('red','green','blue','it''s') NOT NULL;
ALTER TABLE strings CHANGE v v_renamed VARCHAR(100) CHARACTER SET latin1 COLLATE latin1_bin;
ALTER TABLE numbers MODIFY d DECIMAL(20,6) UNSIGNED, MODIFY f2 FLOAT UNSIGNED;
ALTER TABLE numbers DROP COLUMN tz, DROP COLUMN fp;
ALTER TABLE numbers ADD big DECIMAL(30,10) AFTER b, ADD small TINYINT(1) FIRST;
ALTER TABLE temporals MODIFY t TIME(4), MODIFY dt DATETIME(3) NOT NULL DEFAULT '2000-01-01 00:00:00.000';
ALTER TABLE temporals ADD ts6 TIMESTAMP(6) NULL AFTER ts;
ALTER TABLE geo DROP COLUMN gc, MODIFY p POINT NOT NULL;
ALTER TABLE json_docs ADD tags JSON AFTER id;
ALTER TABLE `select` CHANGE `where` `when` DATETIME, ADD `order` INT FIRST;
ALTER TABLE `weird name` RENAME COLUMN `dash-col` TO `dash col`;
ALTER TABLE `weird name` RENAME TO `weird name 2`;
ALTER TABLE `Mixed_Case` ADD AnotherValue INT;
ALTER TABLE gen ADD e INT AS (a * 3) STORED AFTER a;
ALTER TABLE gen DROP COLUMN d;
ALTER TABLE defaults ALTER COLUMN b SET DEFAULT 'new';
ALTER TABLE defaults MODIFY a BIGINT NOT NULL DEFAULT 5;
ALTER TABLE copy_of_users DROP INDEX users_email_unique, DROP COLUMN email;
ALTER TABLE partitioned REORGANIZE PARTITION pmax INTO (PARTITION p2030 VALUES LESS THAN (2031), PARTITION pmax VALUES LESS THAN MAXVALUE);
ALTER TABLE partitioned ADD note VARCHAR(10);
ALTER TABLE hashed COALESCE PARTITION 2;
ALTER TABLE hashed ADD w INT;
ALTER TABLE idx DROP PRIMARY KEY, ADD PRIMARY KEY (id, a);
ALTER TABLE idx ADD FULLTEXT INDEX f2 (a);
ALTER TABLE auto_pk MODIFY id BIGINT AUTO_INCREMENT;
ALTER TABLE engine_opts ADD COLUMN x INT, ENGINE=InnoDB, COMMENT='options after a column';
ALTER TABLE myisam_table ENGINE=InnoDB;
ALTER TABLE myisam_table ADD n INT NOT NULL DEFAULT 0 AFTER id, ORDER BY id;
ALTER TABLE fk_child DROP FOREIGN KEY fk_child_ibfk_1;
ALTER TABLE fk_child ADD CONSTRAINT fk_named FOREIGN KEY (parent) REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL;
ALTER TABLE composite ADD INDEX a_idx (a);
CREATE INDEX posts_title ON posts (title);
DROP INDEX posts_title ON posts;
CREATE UNIQUE INDEX uq ON comments_ (id);
TRUNCATE TABLE no_key;
TRUNCATE hashed;
ANALYZE TABLE users;
OPTIMIZE TABLE tags;
CREATE VIEW user_emails AS SELECT id, email FROM users;
CREATE OR REPLACE VIEW user_emails AS SELECT id, email, full_name FROM users;
ALTER VIEW user_emails AS SELECT id FROM users;
DROP VIEW user_emails;
CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.score = 0;
DROP TRIGGER users_bi;
CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;
DROP FUNCTION add_one;
CREATE PROCEDURE noop() SELECT 1;
DROP PROCEDURE noop;
CREATE EVENT tick ON SCHEDULE EVERY 1 HOUR DO DELETE FROM no_key WHERE a IS NULL;
ALTER EVENT tick DISABLE;
DROP EVENT tick;
CREATE TABLE `order` (id INT PRIMARY KEY, `desc` VARCHAR(10), `group` INT);
ALTER TABLE `order` ADD `limit` INT, ADD `table` VARCHAR(3) AFTER id;
CREATE TABLE t_drop1 (a INT);
CREATE TABLE t_drop2 (a INT);
CREATE TABLE t_drop3 (a INT);
DROP TABLE t_drop1;
DROP TABLE IF EXISTS t_drop2, t_drop3, t_never_existed;
DROP TABLE IF EXISTS t_never_existed;
CREATE TABLE recreate (a INT, b INT);
DROP TABLE recreate;
CREATE TABLE recreate (x VARCHAR(10) PRIMARY KEY, y DATE);
CREATE TABLE big_table (
  c1 INT, c2 INT, c3 INT, c4 INT, c5 INT, c6 INT, c7 INT, c8 INT, c9 INT, c10 INT,
  c11 VARCHAR(10), c12 VARCHAR(10), c13 VARCHAR(10), c14 VARCHAR(10), c15 VARCHAR(10),
  c16 DATETIME, c17 DATE, c18 DECIMAL(9,2), c19 TEXT, c20 BLOB
);
ALTER TABLE big_table DROP c1, DROP c3, DROP c5, ADD c21 INT FIRST, ADD c22 INT AFTER c10, MODIFY c20 LONGBLOB FIRST;
CREATE TABLE tx_dates (id INT PRIMARY KEY, d DATE NOT NULL DEFAULT '2020-01-01', t TIME NOT NULL DEFAULT '00:00:00');
CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  entity VARCHAR(64) NOT NULL,
  entity_id BIGINT NOT NULL,
  action ENUM('insert','update','delete') NOT NULL,
  changed_by VARCHAR(64) DEFAULT NULL,
  changed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  payload MEDIUMTEXT,
  PRIMARY KEY (id),
  KEY idx_entity (entity, entity_id),
  KEY idx_changed_at (changed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE audit_log MODIFY payload LONGTEXT NOT NULL, ADD INDEX idx_action (action);
CREATE TABLE inventory (
  sku VARCHAR(32) NOT NULL,
  warehouse SMALLINT UNSIGNED NOT NULL,
  qty INT NOT NULL DEFAULT 0,
  reserved INT NOT NULL DEFAULT 0,
  price DECIMAL(10,2) UNSIGNED,
  weight FLOAT(8,3),
  PRIMARY KEY (sku, warehouse)
);
ALTER TABLE inventory ADD CONSTRAINT qty_nonneg CHECK (qty >= 0), ADD updated DATETIME;
ALTER TABLE inventory CHANGE updated updated_at DATETIME(3) NOT NULL;
ALTER TABLE inventory DROP PRIMARY KEY, ADD PRIMARY KEY (warehouse, sku);
CREATE TABLE sessions (id CHAR(40) NOT NULL PRIMARY KEY, user_id INT, payload TEXT NOT NULL, last_activity INT NOT NULL, KEY (last_activity));
CREATE TABLE migrations (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, migration VARCHAR(255) NOT NULL, batch INT NOT NULL) DEFAULT CHARACTER SET utf8mb4 COLLATE 'utf8mb4_unicode_ci';
CREATE TABLE `failed_jobs` (`id` bigint unsigned not null auto_increment primary key, `uuid` varchar(255) not null, `connection` text not null, `queue` text not null, `payload` longtext not null, `exception` longtext not null, `failed_at` timestamp default CURRENT_TIMESTAMP not null) default character set utf8mb4 collate 'utf8mb4_unicode_ci';
ALTER TABLE `failed_jobs` ADD UNIQUE `failed_jobs_uuid_unique`(`uuid`);
CREATE TABLE `django_content_type` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `app_label` varchar(100) NOT NULL, `model` varchar(100) NOT NULL);
ALTER TABLE `django_content_type` ADD CONSTRAINT `django_content_type_app_label_model_76bd3d3b_uniq` UNIQUE (`app_label`, `model`);
CREATE TABLE `auth_user` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `password` varchar(128) NOT NULL, `last_login` datetime(6) NULL, `is_superuser` bool NOT NULL, `username` varchar(150) NOT NULL UNIQUE, `first_name` varchar(150) NOT NULL, `email` varchar(254) NOT NULL, `is_staff` bool NOT NULL, `date_joined` datetime(6) NOT NULL);
ALTER TABLE `auth_user` MODIFY `last_login` datetime(6) NULL;
CREATE TABLE `flyway_schema_history` (`installed_rank` INT NOT NULL, `version` VARCHAR(50), `description` VARCHAR(200) NOT NULL, `type` VARCHAR(20) NOT NULL, `script` VARCHAR(1000) NOT NULL, `checksum` INT, `installed_by` VARCHAR(100) NOT NULL, `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, `execution_time` INT NOT NULL, `success` BOOL NOT NULL, CONSTRAINT `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)) ENGINE=InnoDB;
CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED datetime NOT NULL, ORDEREXECUTED INT NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35) NULL, `DESCRIPTION` VARCHAR(255) NULL, COMMENTS VARCHAR(255) NULL, TAG VARCHAR(255) NULL, LIQUIBASE VARCHAR(20) NULL, CONTEXTS VARCHAR(255) NULL, LABELS VARCHAR(255) NULL, DEPLOYMENT_ID VARCHAR(10) NULL);
CREATE TABLE hibernate_sequence (next_val bigint) engine=InnoDB;
CREATE TABLE `Customer` (`id` bigint not null auto_increment, `name` varchar(255), `version` integer, primary key (`id`)) engine=InnoDB;
alter table `Customer` add column `email` varchar(255) not null;
create table lower_case_everything (id int primary key, v varchar(3) not null default 'abc');
Alter Table lower_case_everything Add Column W Int After id;
CREATE TABLE spaces_and_newlines
(
   id
      INT
      NOT NULL
   ,  v   VARCHAR ( 10 )
);
CREATE TABLE trailing_semicolon (id INT);
/* leading comment */ CREATE TABLE after_comment (id INT) /* trailing comment */;
CREATE TABLE versioned_comment (id INT, v INT) /*!50100 ENGINE=InnoDB */;
CREATE TABLE hash_comment (id INT) -- a dash comment
;
