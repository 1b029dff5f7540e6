throw new Error('bad __init__');
