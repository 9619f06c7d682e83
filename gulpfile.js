const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);

/** The one copy of the icons, which the nodes and the credential name by relative path. */
function copyIcons() {
	return src(path.resolve('icons', '*.svg'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'icons')),
	);
}
