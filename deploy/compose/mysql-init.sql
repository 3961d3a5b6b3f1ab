-- The CDC user with the grants Sluice needs, and a table to capture.
CREATE USER 'sluice'@'%' IDENTIFIED BY 'sluice-pw';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'sluice'@'%';
CREATE TABLE shop.customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100), email VARCHAR(200));
INSERT INTO shop.customers (name, email) VALUES ('Ada', 'ada@example.com'), ('Linus', 'linus@example.com');
