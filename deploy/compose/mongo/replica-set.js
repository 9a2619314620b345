// Run by the mongo-init container against mongo-1 with the root user: initiates the three-member replica set once
// and creates the services' user with readWrite on each service's database (and the portal's, its web sessions). Safe to run again.
const root = process.env.MONGO_ROOT_USERNAME;
db.getSiblingDB('admin').auth(root, process.env.MONGO_ROOT_PASSWORD);
try {
  rs.status();
} catch (e) {
  rs.initiate({_id: 'rs0', members: [
    {_id: 0, host: 'mongo-1:27017'},
    {_id: 1, host: 'mongo-2:27017'},
    {_id: 2, host: 'mongo-3:27017'}]});
}
while (!db.hello().isWritablePrimary) {
  sleep(1000);
}
const databases = ['kcdb-submission', 'kcdb-review', 'kcdb-comparison', 'kcdb-publication', 'kcdb-notification',
  'kcdb-portal'];
const user = process.env.KCDB_MONGO_USERNAME;
const admin = db.getSiblingDB('admin');
if (admin.getUser(user) === null) {
  admin.createUser({user: user, pwd: process.env.KCDB_MONGO_PASSWORD,
    roles: databases.map(name => ({role: 'readWrite', db: name}))});
}
