import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
const t=()=>performance.now();
let a=t();
const db = await PGlite.create();
console.log('create mem', (t()-a).toFixed(0), 'ms', (process.memoryUsage().rss/1e6).toFixed(0),'MB');
a=t(); await db.exec('select 1'); console.log('q', (t()-a).toFixed(1));
a=t(); const tar = await db.dumpDataDir('none'); console.log('dump', (t()-a).toFixed(0), tar.size);
a=t(); const db2 = await PGlite.create({loadDataDir: tar}); console.log('load from tar', (t()-a).toFixed(0), (process.memoryUsage().rss/1e6).toFixed(0),'MB');
a=t(); const c = await db.clone(); console.log('clone', (t()-a).toFixed(0), (process.memoryUsage().rss/1e6).toFixed(0),'MB');
// 300 tables
let sql=''; for(let i=0;i<300;i++) sql+=`create table t${i}(id bigint generated always as identity primary key, a text not null, b int, c timestamptz default now(), d varchar(20));create index on t${i}(b);\n`;
a=t(); await db.exec(sql); console.log('300 tables exec', (t()-a).toFixed(0));
a=t(); await db.exec(`do $$ declare r record; begin for r in select nspname from pg_namespace where nspname not in ('pg_catalog','information_schema','pg_toast') and nspname not like 'pg_temp%' and nspname not like 'pg_toast_temp%' loop execute format('drop schema %I cascade', r.nspname); end loop; end $$; create schema public;`); console.log('reset', (t()-a).toFixed(0));
fs.rmSync('/tmp/m/dd',{recursive:true,force:true});
a=t(); const d3 = await PGlite.create('/tmp/m/dd'); console.log('create fs', (t()-a).toFixed(0)); await d3.close();
a=t(); const d4 = await PGlite.create('/tmp/m/dd'); console.log('reopen fs', (t()-a).toFixed(0)); await d4.close();
console.log((process.memoryUsage().rss/1e6).toFixed(0),'MB');
